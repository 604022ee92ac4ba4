-- bench/meal.lua — wrk script: every request POSTs a meal order as JSON to the URL's path
-- (/api/v1/meal/orders) for a resident and household picked at random from a file of
-- "resident_id household_id" lines, one or two dishes (1–2 portions each) of a list of item
-- ids, for one period, slot and day; counts the answers and prints, when wrk ends,
--   meal: 201=N 409=N other=N
-- 409 is the clear refusal when the portions ran out; anything else is a failure.
--   wrk ... -H 'Authorization: Bearer KEY' -H 'Content-Type: application/json' \
--       -s bench/meal.lua URL/api/v1/meal/orders pairs.txt PERIOD SLOT DATE ITEM,ITEM,...

local counter = 0
local threads = {}
local pairs_, items = {}, {}
local period, slot, date
placed, soldout, other = 0, 0, 0

function setup(thread)
	counter = counter + 1
	thread:set("id", counter)
	threads[#threads + 1] = thread
end

function init(args)
	local f = assert(io.open(assert(args[1], "usage: URL PAIRS PERIOD SLOT DATE ITEMS"), "r"))
	for line in f:lines() do
		local r, h = line:match("^(%d+)%s+(%d+)$")
		if r then
			pairs_[#pairs_ + 1] = { r, h }
		end
	end
	f:close()
	assert(#pairs_ > 0, "no resident/household pairs in " .. args[1])
	period = assert(tonumber(args[2]), "PERIOD must be a number")
	slot = assert(tonumber(args[3]), "SLOT must be a number")
	date = assert(args[4], "DATE")
	for id in string.gmatch(assert(args[5], "ITEMS"), "%d+") do
		items[#items + 1] = id
	end
	math.randomseed(7000 + (id or 0))
end

function request()
	local p = pairs_[math.random(#pairs_)]
	local a = math.random(#items)
	local lines = string.format('{"item_id":%s,"qty":%d}', items[a], math.random(2))
	if math.random(2) == 2 and #items > 1 then
		local b = a % #items + 1
		lines = lines .. string.format(',{"item_id":%s,"qty":1}', items[b])
	end
	local body = string.format('{"resident_id":%s,"household_id":%s,"period_id":%d,"slot_id":%d,' ..
		'"date":"%s","payment":"cash","note":"压测","items":[%s]}',
		p[1], p[2], period, slot, date, lines)
	return wrk.format("POST", nil, nil, body)
end

function response(status, headers, body)
	if status == 201 then
		placed = placed + 1
	elseif status == 409 then
		soldout = soldout + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local a, b, c = 0, 0, 0
	for _, t in ipairs(threads) do
		a = a + t:get("placed")
		b = b + t:get("soldout")
		c = c + t:get("other")
	end
	io.write(string.format("meal: 201=%d 409=%d other=%d\n", a, b, c))
end
