//! Entry point of the wasm bundle: mount the portal into `<body>`.
fn main() {
    console_error_panic_hook::set_once();
    bijli_seva::start();
}
