# Sourced by scripts/setup.sh and scripts/build-web.sh: how the shipped web
# apps are compiled.
#
# Every visitor of the status page downloads the public app, so its release
# build trades the stable toolchain for size: a pinned nightly rebuilds the
# standard library with the app (`build-std`), so std is optimised for size
# too; a panic stops the app at once instead of formatting a message
# (`panic=immediate-abort`); panic locations are left out. Together about
# 18 KB (8 %) less compressed. Development, tests and clippy use stable;
# debug builds (`trunk serve`) keep panic messages.
WEB_TOOLCHAIN=nightly-2026-05-20

web_release_env() {
  export RUSTUP_TOOLCHAIN="$WEB_TOOLCHAIN"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort"
  # Apart from stable's artefacts, so neither toolchain rebuilds the other's.
  export CARGO_TARGET_DIR="$PWD/target/web-release"
}
