# SPDX-License-Identifier: BSD-2-Clause
# Memory management: the buddy core, the page allocator and init_mm, the heap, map_frames.
src-y += mm/buddy.c
src-y += mm/page_alloc.c
src-y += mm/heap.c
src-y += mm/vmap.c
src-y += mm/anon.c
src-$(CONFIG_BALLOON) += mm/balloon.c mm/balloon_plan.c
