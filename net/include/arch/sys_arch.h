/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lwIP's OS types on the kernel's cooperative threads (net/sys_arch.c): semaphores,
 * mutexes and mailboxes are embedded structs with a valid flag, so creating one allocates
 * nothing.
 */
#ifndef MINIOS_LWIP_ARCH_SYS_ARCH_H
#define MINIOS_LWIP_ARCH_SYS_ARCH_H

#include <stdbool.h>
#include <sched.h>
#include <wait.h>

typedef struct {
    struct semaphore sem;
    bool valid;
} sys_sem_t;

typedef struct {
    struct mutex mutex;
    bool valid;
} sys_mutex_t;

/* A bounded ring of message pointers; one queue for both waiting readers and writers. */
typedef struct {
    void **msgs;
    unsigned int size, head, count;
    struct wait_queue_head wq;
    bool valid;
} sys_mbox_t;

typedef struct thread *sys_thread_t;
typedef unsigned long sys_prot_t;

/* The per-thread netconn semaphore (net/sys_arch.c), made on first use. */
sys_sem_t *sys_arch_thread_sem(void);
#define LWIP_NETCONN_THREAD_SEM_GET()   sys_arch_thread_sem()
#define LWIP_NETCONN_THREAD_SEM_ALLOC() ((void)sys_arch_thread_sem())
#define LWIP_NETCONN_THREAD_SEM_FREE()  ((void)0)

#define sys_sem_valid(s)         ((s)->valid)
#define sys_sem_set_invalid(s)   ((s)->valid = false)
#define sys_mutex_valid(m)       ((m)->valid)
#define sys_mutex_set_invalid(m) ((m)->valid = false)
#define sys_mbox_valid(m)        ((m)->valid)
#define sys_mbox_set_invalid(m)  ((m)->valid = false)

#endif
