-- GET /api/profile without a token: the 401 problem body, never anything else. BENCH_401_BODY replaces the expected
-- body text ("" checks the status only: a --reference service answers its own 401 body).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
expect_status = 401
local body = os.getenv("BENCH_401_BODY")
if body == nil then expect_body = '"status":401' elseif body ~= "" then expect_body = body end
require("common")
