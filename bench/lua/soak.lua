-- Mixed traffic for bench/run.sh --soak: profile reads, refresh-token rotations, logins, signups and the admin
-- user list, interleaved on every connection. A response is accepted only if it is the success answer of one of those
-- requests (each has its own body marker); any 4xx/5xx, or a success body of the wrong shape, counts as unexpected and
-- fails the run. Refresh tokens come from login and refresh answers and are each used once (a reused token would
-- revoke its family: that would be a 401 here, and fail the soak).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
require("common")

local users = {}
for user in string.gmatch(os.getenv("BENCH_USERS"), "[^,]+") do table.insert(users, user) end
local password = os.getenv("BENCH_PASSWORD")
local user_token = "Bearer " .. os.getenv("BENCH_TOKEN")
local admin_token = "Bearer " .. os.getenv("BENCH_ADMIN_TOKEN")
local json = { ["Content-Type"] = "application/json" }

-- Out of every 100 requests: 88 profile, 5 refresh, 3 admin list, 3 login, 1 signup. Logins and signups are bcrypt
-- bound (about 20/s on one core), so they take most of the connections' time, as they would in production.
local plan = {}
for _ = 1, 88 do table.insert(plan, "profile") end
for _ = 1, 5 do table.insert(plan, "refresh") end
for _ = 1, 3 do table.insert(plan, "admin") end
for _ = 1, 3 do table.insert(plan, "login") end
table.insert(plan, "signup")

local step, logins, signups = 0, 0, 0
local refresh_tokens = {}
local prefix = ""

local common_init = init
function init(args)
  common_init(args)
  math.randomseed(os.time() + (id or 0) * 7919 + math.floor(os.clock() * 1e6))
  prefix = string.format("s%06x", math.random(0, 0xffffff))
  -- Spread the plan so that each kind recurs evenly rather than in runs.
  for i = #plan, 2, -1 do
    local j = math.random(1, i)
    plan[i], plan[j] = plan[j], plan[i]
  end
end

function request()
  step = step % #plan + 1
  local kind = plan[step]
  if kind == "refresh" and #refresh_tokens == 0 then kind = "login" end
  if kind == "profile" then
    return wrk.format("GET", "/api/profile", { ["Authorization"] = user_token })
  elseif kind == "admin" then
    return wrk.format("GET", "/api/admin/users?page=1&pageSize=20", { ["Authorization"] = admin_token })
  elseif kind == "refresh" then
    local token = table.remove(refresh_tokens, 1)
    return wrk.format("POST", "/api/token/refresh", json, string.format('{"refreshToken":"%s"}', token))
  elseif kind == "login" then
    logins = logins + 1
    local user = users[logins % #users + 1]
    return wrk.format("POST", "/api/authenticate", json, string.format('{"username":"%s","password":"%s"}', user, password))
  else
    signups = signups + 1
    return wrk.format("POST", "/api/signup", json,
      string.format('{"username":"%s-%d-%d","password":"%s"}', prefix, id or 0, signups, password))
  end
end

local markers = {
  [200] = { "Welcome to the users area ", '"refreshToken":"', '"items":[' },
  [201] = { '"message":"Account created!"' },
}

function response(status, headers, body)
  responses = responses + 1
  local ok = false
  for _, marker in ipairs(markers[status] or {}) do
    if body ~= nil and string.find(body, marker, 1, true) then ok = true break end
  end
  if not ok then
    bad = bad + 1
    if bad_sample == "" then bad_sample = tostring(status) .. " " .. string.sub(body or "", 1, 200) end
    return
  end
  local token = body and string.match(body, '"refreshToken":"([^"]+)"')
  -- Keep a bounded pool: an unused refresh token simply expires.
  if token and #refresh_tokens < 64 then table.insert(refresh_tokens, token) end
end
