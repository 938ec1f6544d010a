-- SPDX-License-Identifier: BSD-2-Clause
-- Run by the Lua application (apps/lua) in a Mini-OS domain from the 9p share: reads the
-- host's input.txt and writes lua-out.txt next to it, which the boot test compares.
local dir = arg[0]:match("^(.*)/[^/]*$") or "."
local out = assert(io.open(dir .. "/lua-out.txt", "w"))
local function say(...) out:write(string.format(...), "\n") end

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
say("%s", _VERSION)
say("fib(25) = %d", fib(25))

local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words + 1] = w end
table.sort(words)
say("sorted: %s", table.concat(words, " "))

say("pi = %.10f, sqrt(2) = %.6f, e^1 = %.6f", math.pi, math.sqrt(2), math.exp(1))
say("7 // 2 = %d, 7 / 2 = %g, 2^63 wraps to %d, 1e300 * 1e10 = %s",
    7 // 2, 7 / 2, math.maxinteger + 1, tostring(1e300 * 1e10))
say("tostring(0.1) = %s, %%q of a string: %q", tostring(0.1), "tab\there")

local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end)
say("coroutine: %d %d %d", co(), co(), co())

local ok, err = pcall(error, { code = 42 })
say("pcall: %s %d", tostring(ok), err.code)
say("utf8: %d characters in %d bytes", utf8.len("héllo wörld"), #"héllo wörld")

local input = assert(io.open(dir .. "/input.txt", "rb"))
local text = input:read("a")
input:close()
local lines = select(2, text:gsub("\n", "\n"))
local sum = 0
for n in text:gmatch("%d+") do sum = sum + tonumber(n) end
say("input.txt: %d bytes, %d lines, numbers add up to %d", #text, lines, sum)

local missing, msg = io.open(dir .. "/no-such-file")
say("missing file: %s, %s", tostring(missing), msg and msg:match("No such file") or msg)
say("os.time() is %s", os.time() > 1700000000 and "after 2023" or "wrong: " .. os.time())
out:close()
print("lua: wrote " .. dir .. "/lua-out.txt")
