/* SPDX-License-Identifier: BSD-2-Clause */
/* Address configuration parsers: the kernel command line's ip= and the backend's ip node. */
#include <errno.h>
#include <stdbool.h>
#include "ipcfg.h"

uint32_t ipcfg_prefix_mask(unsigned int prefix)
{
    return prefix ? ~0u << (32 - prefix) : 0;
}

/* A decimal number of 1-3 digits at *s no larger than max; advances *s past it. */
static bool parse_num(const char **s, const char *end, unsigned int max, unsigned int *out)
{
    unsigned int v = 0, digits = 0;

    while (*s < end && **s >= '0' && **s <= '9' && digits < 3) {
        v = v * 10 + (unsigned int)(**s - '0');
        (*s)++;
        digits++;
    }
    if (!digits || v > max || (*s < end && **s >= '0' && **s <= '9'))
        return false;
    *out = v;
    return true;
}

int ipcfg_parse_addr(const char *s, size_t len, uint32_t *out)
{
    const char *end = s + len;
    uint32_t addr = 0;
    unsigned int part;

    for (int i = 0; i < 4; i++) {
        if (i && (s >= end || *s++ != '.'))
            return -EINVAL;
        if (!parse_num(&s, end, 255, &part))
            return -EINVAL;
        addr = addr << 8 | part;
    }
    if (s != end)
        return -EINVAL;
    *out = addr;
    return 0;
}

static const char *find(const char *s, const char *end, char c)
{
    while (s < end && *s != c)
        s++;
    return s;
}

int ipcfg_parse_option(const char *s, size_t len, struct ipcfg *cfg)
{
    const char *end = s + len, *slash = find(s, end, '/'), *comma = find(s, end, ',');
    const char *p = slash + 1;
    unsigned int prefix;
    struct ipcfg c = {0};

    if (slash >= comma || ipcfg_parse_addr(s, (size_t)(slash - s), &c.addr))
        return -EINVAL;
    if (!parse_num(&p, comma, 32, &prefix) || p != comma || !prefix)
        return -EINVAL;
    c.netmask = ipcfg_prefix_mask(prefix);
    if (comma < end && ipcfg_parse_addr(comma + 1, (size_t)(end - comma - 1), &c.gateway))
        return -EINVAL;
    if (!c.addr || ((c.addr & ~c.netmask) == 0 && prefix < 31))
        return -EINVAL;
    *cfg = c;
    return 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

int ipcfg_from_cmdline(const char *cmdline, struct ipcfg *cfg)
{
    const char *s = cmdline;

    while (*s) {
        const char *word = s;

        while (*s && !is_space(*s))
            s++;
        if (s - word > 3 && word[0] == 'i' && word[1] == 'p' && word[2] == '=')
            return ipcfg_parse_option(word + 3, (size_t)(s - word - 3), cfg);
        while (is_space(*s))
            s++;
    }
    return -ENOENT;
}

int ipcfg_from_backend(const char *value, struct ipcfg *cfg)
{
    const char *s = value, *end;

    while (is_space(*s))
        s++;
    for (end = s; *end && !is_space(*end);)
        end++;
    if (end == s)
        return -ENOENT;
    if (ipcfg_parse_addr(s, (size_t)(end - s), &cfg->addr))
        return -EINVAL;
    cfg->netmask = ipcfg_prefix_mask(24);
    cfg->gateway = 0;
    return 0;
}
