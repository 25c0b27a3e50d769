// The web app is embedded from web/dist: rebuild this crate when it changes.
fn main() {
    println!("cargo:rerun-if-changed=../../web/dist");
}
