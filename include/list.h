/* SPDX-License-Identifier: BSD-2-Clause */
/* Intrusive doubly-linked circular lists: a head, and a node embedded in each element. */
#ifndef MINIOS_LIST_H
#define MINIOS_LIST_H

#include <stdbool.h>
#include <compiler.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) \
    {                        \
        &(name), &(name)     \
    }

static inline void list_init(struct list_head *head)
{
    head->next = head;
    head->prev = head;
}

static inline bool list_empty(const struct list_head *head)
{
    return head->next == head;
}

static inline void list_insert(struct list_head *node, struct list_head *prev,
                               struct list_head *next)
{
    node->prev = prev;
    node->next = next;
    prev->next = node;
    next->prev = node;
}

/* Add node at the end (FIFO order with list_first). */
static inline void list_add_tail(struct list_head *node, struct list_head *head)
{
    list_insert(node, head->prev, head);
}

static inline void list_add(struct list_head *node, struct list_head *head)
{
    list_insert(node, head, head->next);
}

/* Unlink node and point it at itself, so removing it twice is harmless. */
static inline void list_del(struct list_head *node)
{
    node->prev->next = node->next;
    node->next->prev = node->prev;
    list_init(node);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first(head, type, member) \
    (list_empty(head) ? NULL : list_entry((head)->next, type, member))

#define list_for_each(pos, head) for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)
#define list_for_each_safe(pos, tmp, head)                           \
    for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
         (pos) = (tmp), (tmp) = (pos)->next)

#endif
