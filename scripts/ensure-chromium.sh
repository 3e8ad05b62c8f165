#!/usr/bin/env bash
# Browser tests drive Debian's Chromium with Chinese fonts. Install them when we can (root with apt),
# otherwise stop at once with the one command that fixes it.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "正在安装浏览器测试所需的软件包：${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "浏览器测试需要 Chromium 和中文字体，请先运行：" >&2
echo "  sudo apt-get install -y chromium fonts-noto-cjk" >&2
exit 1
