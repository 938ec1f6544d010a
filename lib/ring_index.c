/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared-ring index maths: free request slots and new responses, wrap-safe. */
#include <errno.h>
#include <ring_index.h>

unsigned int ring_free_slots(uint32_t req_prod_pvt, uint32_t rsp_cons, unsigned int size)
{
    uint32_t used = req_prod_pvt - rsp_cons;

    /* More in flight than the ring holds cannot happen; it must not underflow either. */
    return used >= size ? 0 : size - used;
}

int ring_new_responses(uint32_t rsp_prod, uint32_t rsp_cons, uint32_t req_prod_pvt)
{
    uint32_t claimed = rsp_prod - rsp_cons;

    if (claimed > req_prod_pvt - rsp_cons)
        return -EPROTO;
    return (int)claimed;
}
