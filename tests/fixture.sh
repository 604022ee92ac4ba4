#!/usr/bin/env bash
# fixture.sh — the test stack's data: known accounts, a department, API keys.
#
# Run by tests/run after the migrations, instead of the demo data, with WL_ROOT, WL_VAR,
# WL_BUILD and WL_CONF_EXTRA in the environment.  Idempotent: accounts are upserted
# (password reset to the known one), login attempts are forgotten so a rerun within the
# lock-out window starts unlocked.  Writes $WL_VAR/test.env (shell assignments) which
# tests/integration/wl.py reads:
#   T_PASSWORD                 the password of every t_* account
#   T_<LOGIN>_NAME             display name of each account (T_T_AGENT_NAME, ...)
#   T_ADMIN_KEY T_AGENT_KEY T_TECH_KEY T_NOAPI_KEY    API keys
set -euo pipefail

: "${WL_ROOT:?WL_ROOT must be set}" "${WL_VAR:?WL_VAR must be set}" "${WL_BUILD:?WL_BUILD must be set}"
export WL_ROOT WL_VAR WL_BUILD
[[ -z ${WL_CONF_EXTRA:-} ]] || export WL_CONF_EXTRA

PASSWORD='Test-pass-2026'
WLCTL=$WL_BUILD/bin/wlctl
DB=${WL_DB_NAME:-warmline}
ENV_FILE=$WL_VAR/test.env

die() { printf 'fixture: %s\n' "$*" >&2; exit 1; }
sql() { mariadb --defaults-file="$WL_VAR/my.cnf" -u root --batch -N "$DB" -e "$1"; }

[[ -x $WLCTL ]] || die "$WLCTL is missing (make SAN=1)"

# A department for the agents, and a role without api.read (to prove that an API key
# acts with its own account's permissions: technicians do have api.read).
sql "INSERT IGNORE INTO department (name, code, sort) VALUES ('测试客服部', 't_cs', 10);
     INSERT IGNORE INTO department (name, code, sort) VALUES ('测试工程部', 't_eng', 20);
     INSERT IGNORE INTO role (code, name, builtin) VALUES ('t_noapi', '测试无接口', 0);
     INSERT IGNORE INTO role_permission (role_id, permission)
       SELECT id, 'dashboard.view' FROM role WHERE code = 't_noapi';
     DELETE FROM login_attempt;" || die "cannot prepare the database"

# login, name, role, department code
ACCOUNTS=(
	"t_admin|测试管理员|admin|"
	"t_agent|测试座席甲|agent|t_cs"
	"t_agent2|测试座席乙|agent|t_cs"
	"t_tech|测试维修员|technician|t_eng"
	"t_lock|测试锁号员|agent|t_cs"
	"t_noapi|测试无接口员|t_noapi|"
)

env_tmp=$(mktemp "$WL_VAR/test.env.XXXXXX")
trap 'rm -f "$env_tmp"' EXIT
printf 'T_PASSWORD=%s\n' "$PASSWORD" >"$env_tmp"
for a in "${ACCOUNTS[@]}"; do
	IFS='|' read -r login name role dept <<<"$a"
	args=("$login" "$name" "$role")
	[[ -n $dept ]] && args+=("$dept")
	"$WLCTL" user-add "${args[@]}" <<<"$PASSWORD" || die "wlctl user-add $login failed"
	# An upsert keeps old roles: make the role set exactly the one above.
	sql "DELETE sr FROM staff_role sr JOIN staff s ON s.id = sr.staff_id
	     JOIN role r ON r.id = sr.role_id WHERE s.login = '$login' AND r.code <> '$role';
	     UPDATE staff SET lang = NULL WHERE login = '$login'" || die "cannot fix the roles of $login"
	var=T_${login^^}_NAME
	printf '%s=%s\n' "$var" "$name" >>"$env_tmp"
done

for pair in t_admin:T_ADMIN_KEY t_agent:T_AGENT_KEY t_tech:T_TECH_KEY t_noapi:T_NOAPI_KEY; do
	login=${pair%%:*}
	key=$("$WLCTL" apikey "$login" "fixture") || die "wlctl apikey $login failed"
	[[ $key =~ ^wl_[A-Za-z0-9_-]+$ ]] || die "wlctl apikey $login printed '$key'"
	printf '%s=%s\n' "${pair#*:}" "$key" >>"$env_tmp"
done

# The demo IVR configuration (prompts, office hours, queues with the t_agent accounts, flows).
"$WL_ROOT/tools/wl" ivr-demo >/dev/null || die "tools/wl ivr-demo failed"

chmod 0600 "$env_tmp"
mv -f "$env_tmp" "$ENV_FILE"
trap - EXIT
printf 'fixture: %d accounts, 4 API keys, %s\n' "${#ACCOUNTS[@]}" "${ENV_FILE#"$WL_ROOT"/}"
