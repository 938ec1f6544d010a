# SPDX-License-Identifier: BSD-2-Clause
# lwIP (fetched into $(O)/lwip by tools/fetch-lwip, never in this tree) and its port: sys_arch
# on the kernel's threads, one netif per vif over netfront, address configuration.
LWIP_DIR := $(O)/lwip
LWIP_STAMP := $(LWIP_DIR)/.version

net-src-y := net/sys_arch.c net/vif.c net/net.c net/ipcfg.c net/daytime.c net/time_fmt.c \
	net/echo.c net/synguard.c net/tx_csum.c

# The parts of lwIP 2.1.3 we use: IPv4 + IPv6 over Ethernet, TCP, UDP, DHCP, netconn,
# lwiperf (the benchmark's TCP server). Listed, because the tree is not there at parse time.
lwip-src := core/def.c core/inet_chksum.c core/init.c core/ip.c core/mem.c core/memp.c \
	core/netif.c core/pbuf.c core/raw.c core/stats.c core/sys.c core/tcp.c core/tcp_in.c \
	core/tcp_out.c core/timeouts.c core/udp.c \
	core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4.c \
	core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c \
	core/ipv6/ethip6.c core/ipv6/icmp6.c core/ipv6/inet6.c core/ipv6/ip6.c \
	core/ipv6/ip6_addr.c core/ipv6/ip6_frag.c core/ipv6/mld6.c core/ipv6/nd6.c \
	api/api_lib.c api/api_msg.c api/err.c api/netbuf.c api/netifapi.c api/tcpip.c \
	netif/ethernet.c apps/lwiperf/lwiperf.c

ifeq ($(CONFIG_LWIP)$(CONFIG_NETFRONT),yn)
$(error CONFIG_LWIP=y needs CONFIG_NETFRONT=y)
endif
ifeq ($(CONFIG_LWIP),y)
src-y += $(net-src-y)
LWIP_OBJS := $(patsubst %.c,$(LWIP_DIR)/obj/%.o,$(lwip-src))
EXTRA_OBJS += $(LWIP_OBJS)
CPPFLAGS += -Inet/include -I$(LWIP_DIR)/src/include
endif

# Every kernel object may include lwIP's headers: fetch before compiling anything.
$(LWIP_STAMP): tools/fetch-lwip
	$(quiet) FETCH $(LWIP_DIR)
	$(Q)LWIP_DL=$(LWIP_DL) tools/fetch-lwip $(LWIP_DIR)

# lwIP is third-party code: our flags, minus the warnings it was not written for. Its
# sources appear with the stamp (no rule makes them, so make never deletes them).
$(LWIP_OBJS): $(LWIP_DIR)/obj/%.o: $(FLAGS_STAMP) | $(LWIP_STAMP) $(O)/include/xen
	@mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(CPPFLAGS) -Inet/include/shim $(CFLAGS) -Wno-missing-prototypes -Wno-sign-compare \
		-Wno-address -Wno-type-limits -MMD -MP -c $(LWIP_DIR)/src/$*.c -o $@
