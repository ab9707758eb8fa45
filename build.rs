//! Generates the typed translation module from `locales/{hi,en}.json` (leptos_i18n 0.6).
use leptos_i18n_build::{Config, TranslationsInfos};
use std::{error::Error, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR")?).join("i18n");
    // Hindi is the default: the first visit shows Hindi whatever the browser says.
    let cfg = Config::new("hi")?
        .add_locale("en")?
        .parse_options(leptos_i18n_build::ParseOptions::new().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out.clone())?;
    never_match_browser_language(&out.join("mod.rs"))?;
    Ok(())
}

/// The portal starts in the saved language, or Hindi, and never in the browser's (the provider's
/// choice is overwritten before anything is drawn: `Shell` in src/app/mod.rs). leptos_i18n 0.6's
/// provider still matches `navigator.languages` against the locales at start-up, with a BCP 47
/// parser (icu_locale_core) that is otherwise unused, and offers no option to skip it; its
/// `find_locale` is a provided method of the generated `Locale` impl, so the impl can override it
/// to answer the default locale at once, and the parser drops out of the first download.
fn never_match_browser_language(module: &std::path::Path) -> Result<(), Box<dyn Error>> {
    const END_OF_IMPL: &str = "fn from_base_locale (locale : Self) -> Self { locale } }";
    let code = std::fs::read_to_string(module)?;
    if code.matches(END_OF_IMPL).count() != 1 {
        return Err(format!(
            "build.rs: leptos_i18n's generated Locale impl changed; look for `{END_OF_IMPL}` in {}",
            module.display()
        )
        .into());
    }
    let code = code.replace(
        END_OF_IMPL,
        "fn from_base_locale (locale : Self) -> Self { locale } \
         fn find_locale<T: AsRef<[u8]>>(_accepted_languages: &[T]) -> Self { Self::default() } }",
    );
    std::fs::write(module, code)?;
    Ok(())
}
