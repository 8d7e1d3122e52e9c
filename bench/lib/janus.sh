# Janus from Debian for the side-by-side benchmarks (sourced, not run; after processes.sh):
# installing it, and a configuration with one plugin and the HTTP transport on loopback. The
# caller sets JANUS_LIB (plugin folders) and JANUS_HTTP_PORT.

install_janus() {
    command -v janus > /dev/null && return 0
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    log "installing janus (apt-get)"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends janus > /dev/null ||
        die "could not install janus"
}

# Comma-separated list of the .so files in DIR, except KEEP.
so_list_except() { # DIR KEEP
    local f out=()
    for f in "$1"/*.so; do
        [[ -e $f ]] || continue
        f=$(basename "$f")
        [[ $f == "$2" ]] || out+=("$f")
    done
    (IFS=,; echo "${out[*]}")
}

# janus.jcfg and the HTTP transport's configuration in DIR: only PLUGIN (a .so name) loaded, ICE on
# the loopback interface only, no STUN/TURN; NAT_EXTRA is added to the nat section (e.g. ice_lite).
# The plugin's own .jcfg is the caller's.
write_janus_config() { # DIR PLUGIN [NAT_EXTRA]
    local dir=$1 plugin=$2 nat_extra=${3:-}
    cat > "$dir/janus.jcfg" <<CFG
general: {
	configs_folder = "$dir"
	plugins_folder = "$JANUS_LIB/plugins"
	transports_folder = "$JANUS_LIB/transports"
	events_folder = "$JANUS_LIB/events"
	loggers_folder = "$JANUS_LIB/loggers"
	debug_level = 3
	session_timeout = 0
}
media: {
	rtp_port_range = "30000-39999"
}
nat: {
	ice_enforce_list = "lo"
	ice_ipv6 = false
	nice_debug = false
	$nat_extra
}
plugins: {
	disable = "$(so_list_except "$JANUS_LIB/plugins" "$plugin")"
}
transports: {
	disable = "$(so_list_except "$JANUS_LIB/transports" libjanus_http.so)"
}
loggers: {
	disable = "$(so_list_except "$JANUS_LIB/loggers" none)"
}
events: {
	broadcast = false
	disable = "$(so_list_except "$JANUS_LIB/events" none)"
}
CFG
    cat > "$dir/janus.transport.http.jcfg" <<CFG
general: {
	json = "compact"
	base_path = "/janus"
	http = true
	port = $JANUS_HTTP_PORT
	ip = "127.0.0.1"
	https = false
}
admin: {
	admin_http = false
	admin_https = false
}
cors: {
}
CFG
}
