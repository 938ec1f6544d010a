/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Directory streams (newlib's generic sys/dirent.h only says "not supported"): opendir()
 * opens the directory with O_DIRECTORY and readdir() asks the file's ops->readdir.
 */
#ifndef MINIOS_SYS_DIRENT_H
#define MINIOS_SYS_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

struct dirent {
    ino_t d_ino;
    unsigned char d_type;
    char d_name[256];
};

typedef struct {
    int fd;
    struct dirent ent;
} DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
void rewinddir(DIR *dir);
int dirfd(DIR *dir);

#endif
