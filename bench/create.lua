-- bench/create.lua — wrk script: every request POSTs a new work order as JSON to the URL's
-- path (/api/v1/tickets) for a resident and household picked at random from a file of
-- "resident_id household_id" lines; counts the answers by status and prints, when wrk ends,
--   create: 2xx=N other=N
-- The API key and Content-Type come from wrk's -H options:
--   wrk ... -H 'Authorization: Bearer KEY' -H 'Content-Type: application/json' \
--       -s bench/create.lua http://127.0.0.1:38080/api/v1/tickets pairs.txt TYPE_ID MARK
-- MARK goes into every title, so the run's work orders can be found afterwards.

local counter = 0
local threads = {}
local pairs_ = {}
local type_id, mark
ok, other = 0, 0

function setup(thread)
	counter = counter + 1
	thread:set("id", counter)
	threads[#threads + 1] = thread
end

function init(args)
	local f = assert(io.open(assert(args[1], "usage: URL PAIRS_FILE TYPE_ID MARK"), "r"))
	for line in f:lines() do
		local r, h = line:match("^(%d+)%s+(%d+)$")
		if r then
			pairs_[#pairs_ + 1] = { r, h }
		end
	end
	f:close()
	assert(#pairs_ > 0, "no resident/household pairs in " .. args[1])
	type_id = assert(tonumber(args[2]), "TYPE_ID must be a number")
	mark = args[3] or "bench"
	math.randomseed(2000 + (id or 0))
end

function request()
	local p = pairs_[math.random(#pairs_)]
	local body = string.format('{"type_id":%d,"resident_id":%s,"household_id":%s,' ..
		'"title":"暖气不热 %s","description":"压测：卧室暖气片不热，室温16度"}',
		type_id, p[1], p[2], mark)
	return wrk.format("POST", nil, nil, body)
end

function response(status, headers, body)
	if status >= 200 and status < 300 then
		ok = ok + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local n_ok, n_other = 0, 0
	for _, t in ipairs(threads) do
		n_ok = n_ok + t:get("ok")
		n_other = n_other + t:get("other")
	end
	io.write(string.format("create: 2xx=%d other=%d\n", n_ok, n_other))
end
