# SPDX-License-Identifier: BSD-2-Clause
# Lua 5.4, the stand-alone interpreter (lua.c), built unmodified from Debian's lua5.4 source
# package as Lua's own Makefile builds it for PLAT=generic (plain ISO C: no dlopen, no
# readline, no popen). fetch-lua unpacks it into O/app/lua; downloads are kept in
# $(MINIOS_DL) when the build sets it, so the build trees of both architectures share one.
LUA_DIR := $(APP_BUILD)/lua
LUA_CORE := lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject lopcodes lparser \
	lstate lstring ltable ltm lundump lvm lzio
LUA_LIB := lauxlib lbaselib lcorolib ldblib liolib lmathlib loadlib loslib lstrlib ltablib \
	lutf8lib linit
app-srcs := $(patsubst %,$(LUA_DIR)/src/%.c,$(LUA_CORE) $(LUA_LIB) lua)
# Lua's Makefile: -std=gnu99 -O2 -Wall -Wextra -DLUA_COMPAT_5_3.
app-cflags := -std=gnu99 -Wextra -DLUA_COMPAT_5_3
app-deps := $(LUA_DIR)/.version

$(LUA_DIR)/.version: $(APP_DIR)/fetch-lua
	$(quiet) FETCH $(LUA_DIR)
	$(Q)$(if $(MINIOS_DL),LUA_DL=$(MINIOS_DL)) sh $< $(LUA_DIR) && touch $@
$(app-srcs): | $(LUA_DIR)/.version ;
