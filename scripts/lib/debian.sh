# Shared by the set-up scripts (sourced): which Debian packages of the arguments are not installed.
# Usage: mapfile -t missing < <(missing_debian_packages pkg...)
missing_debian_packages() {
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$p"
    fi
  done
}
