-- POST /api/signup with a username never used before: 201 "Account created!". Names are a random per-run-and-thread
-- prefix, the thread id and a counter, so warm-up, measurement and reruns never collide (a 409 would fail the run).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 201
expect_body = '"message":"Account created!"'
require("common")

local common_init = init
local counter = 0
local prefix = ""

function init(args)
  common_init(args)
  math.randomseed(os.time() + (id or 0) * 7919 + math.floor(os.clock() * 1e6))
  prefix = string.format("b%06x", math.random(0, 0xffffff))
end

function request()
  counter = counter + 1
  local body = string.format('{"username":"%s-%d-%d","password":"bench-password-123"}', prefix, id or 0, counter)
  return wrk.format("POST", "/api/signup", { ["Content-Type"] = "application/json" }, body)
end
