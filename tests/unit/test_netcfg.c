/* SPDX-License-Identifier: BSD-2-Clause */
/* net/ipcfg.c (ip= and the backend's ip node) and net/time_fmt.c (the daytime line). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "unit.h"

/* Mirror of net/ipcfg.h (tests never include the kernel's headers). */
struct ipcfg {
    uint32_t addr, netmask, gateway;
};
int kt_ipcfg_parse_addr(const char *s, size_t len, uint32_t *out);
int kt_ipcfg_parse_option(const char *s, size_t len, struct ipcfg *cfg);
int kt_ipcfg_from_cmdline(const char *cmdline, struct ipcfg *cfg);
int kt_ipcfg_from_backend(const char *value, struct ipcfg *cfg);
uint32_t kt_ipcfg_prefix_mask(unsigned int prefix);
size_t kt_daytime_format(int64_t secs, char *buf, size_t size);

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static int addr(const char *s, uint32_t *out)
{
    return kt_ipcfg_parse_addr(s, strlen(s), out);
}

START_TEST(test_parse_addr)
{
    static const char *const bad[] = {"",         "1.2.3",   "1.2.3.4.5",  "256.1.1.1", "1..2.3",
                                      "1.2.3.4 ", "a.b.c.d", "1.2.3.0004", "-1.2.3.4",  "1.2.3."};
    uint32_t a = 7;

    ck_assert_int_eq(addr("10.0.0.2", &a), 0);
    ck_assert_uint_eq(a, IP(10, 0, 0, 2));
    ck_assert_int_eq(addr("255.255.255.255", &a), 0);
    ck_assert_uint_eq(a, 0xffffffffu);
    ck_assert_int_eq(addr("0.0.0.0", &a), 0);
    ck_assert_uint_eq(a, 0);
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        a = 7;
        ck_assert_msg(addr(bad[i], &a) == -EINVAL, "'%s' accepted", bad[i]);
        ck_assert_uint_eq(a, 7);
    }
}
END_TEST

START_TEST(test_prefix_mask)
{
    ck_assert_uint_eq(kt_ipcfg_prefix_mask(0), 0);
    ck_assert_uint_eq(kt_ipcfg_prefix_mask(8), 0xff000000u);
    ck_assert_uint_eq(kt_ipcfg_prefix_mask(24), 0xffffff00u);
    ck_assert_uint_eq(kt_ipcfg_prefix_mask(32), 0xffffffffu);
}
END_TEST

START_TEST(test_cmdline)
{
    struct ipcfg c;

    ck_assert_int_eq(kt_ipcfg_from_cmdline("test=net ip=10.0.0.7/24,10.0.0.1 x=y", &c), 0);
    ck_assert_uint_eq(c.addr, IP(10, 0, 0, 7));
    ck_assert_uint_eq(c.netmask, 0xffffff00u);
    ck_assert_uint_eq(c.gateway, IP(10, 0, 0, 1));
    ck_assert_int_eq(kt_ipcfg_from_cmdline("ip=192.168.1.9/16", &c), 0);
    ck_assert_uint_eq(c.netmask, 0xffff0000u);
    ck_assert_uint_eq(c.gateway, 0);
    ck_assert_int_eq(kt_ipcfg_from_cmdline("  ip=10.1.2.3/32  ", &c), 0);
    ck_assert_int_eq(kt_ipcfg_from_cmdline("", &c), -ENOENT);
    ck_assert_int_eq(kt_ipcfg_from_cmdline("zip=10.0.0.1/24 ipx=1", &c), -ENOENT);
    ck_assert_int_eq(kt_ipcfg_from_cmdline("ip=", &c), -ENOENT);
}
END_TEST

START_TEST(test_cmdline_bad)
{
    static const char *const bad[] = {
        "ip=10.0.0.7",     "ip=10.0.0.7/",       "ip=10.0.0.7/33",        "ip=10.0.0.7/0",
        "ip=10.0.0.7/24,", "ip=10.0.0.7/2x",     "ip=10.0.0.0/24",        "ip=0.0.0.0/8",
        "ip=/24",          "ip=10.0.0.7/24,1.2", "ip=10.0.0.7,1.2.3.4/24"};
    struct ipcfg c = {1, 2, 3};

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
        ck_assert_msg(kt_ipcfg_from_cmdline(bad[i], &c) == -EINVAL, "'%s' accepted", bad[i]);
    ck_assert_uint_eq(c.addr, 1);
}
END_TEST

START_TEST(test_backend)
{
    struct ipcfg c;

    ck_assert_int_eq(kt_ipcfg_from_backend("10.0.0.2", &c), 0);
    ck_assert_uint_eq(c.addr, IP(10, 0, 0, 2));
    ck_assert_uint_eq(c.netmask, 0xffffff00u);
    ck_assert_uint_eq(c.gateway, 0);
    ck_assert_int_eq(kt_ipcfg_from_backend(" 10.0.0.3 10.0.0.4", &c), 0);
    ck_assert_uint_eq(c.addr, IP(10, 0, 0, 3));
    ck_assert_int_eq(kt_ipcfg_from_backend("", &c), -ENOENT);
    ck_assert_int_eq(kt_ipcfg_from_backend("10.0.0", &c), -EINVAL);
}
END_TEST

/* Against glibc's gmtime_r for a spread of times, leap days and century years included. */
START_TEST(test_daytime_format)
{
    static const char *const wd[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
    static const char *const mo[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
    static const int64_t times[] = {0,          59,         86399,      86400,
                                    951782400,  951868799,  1709164800, 1795829404,
                                    4107542400, 4102444799, -1,         -86401};
    char got[80], want[80];

    for (size_t i = 0; i < ARRAY_SIZE(times); i++) {
        time_t t = (time_t)times[i];
        struct tm tm;

        gmtime_r(&t, &tm);
        snprintf(want, sizeof(want), "%s, %s %d, %d %02d:%02d:%02d-UTC\r\n", wd[tm.tm_wday],
                 mo[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
        ck_assert_uint_eq(kt_daytime_format(times[i], got, sizeof(got)), strlen(want));
        ck_assert_str_eq(got, want);
    }
    ck_assert_uint_eq(kt_daytime_format(0, got, 8), 7);
    ck_assert_str_eq(got, "Thursda");
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("netcfg");

    UNIT_ADD(s, test_parse_addr);
    UNIT_ADD(s, test_prefix_mask);
    UNIT_ADD(s, test_cmdline);
    UNIT_ADD(s, test_cmdline_bad);
    UNIT_ADD(s, test_backend);
    UNIT_ADD(s, test_daytime_format);
    return s;
}
