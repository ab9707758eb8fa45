//! `/track`: type a complaint or application number (as received, Devanagari digits fine; a
//! pasted SMS or status address works too), or go to `/find` when the number is lost.
use super::PageTitle;
use crate::components::{ErrorSummary, TextField};
use crate::domain::ticket::{self, NumberMistake};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// What to do about it: most wrong numbers are an account or mobile number, a digit short, or a
/// digit mistyped, and each has its own advice.
fn mistake_text(loc: Locale, m: NumberMistake) -> String {
    match m {
        NumberMistake::Empty => td_string!(loc, err.number_required).to_string(),
        NumberMistake::AccountOrMobile => td_string!(loc, err.number_account_or_mobile).to_string(),
        NumberMistake::Length(0) => td_string!(loc, err.number_invalid).to_string(),
        NumberMistake::Length(count) => td_string!(loc, err.number_length, count = count).to_string(),
        NumberMistake::Mistyped => td_string!(loc, err.number_mistyped).to_string(),
    }
}

#[component]
pub fn Track() -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<NumberMistake>);
    let attempt = RwSignal::new(0u32);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = typed.get_untracked();
        match ticket::find_in(&t) {
            Some((_, n)) => {
                error.set(None);
                navigate(&format!("/track/{n}"), Default::default());
            }
            None => {
                error.set(ticket::mistake(&t));
                attempt.update(|a| *a += 1);
            }
        }
    };
    let message = Signal::derive(move || error.get().map(|m| mistake_text(i18n.get_locale(), m)));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, track.title).to_string()) error=Signal::derive(move || error.with(Option::is_some)) />
        <ErrorSummary items=Signal::derive(move || message.get().map(|m| vec![("number".to_string(), m)]).unwrap_or_default()) attempt=attempt />
        <form novalidate on:submit=submit>
            <TextField name="number" label_is_heading=true
                label=Signal::derive(move || t_string!(i18n, track.title).to_string())
                hint=Signal::derive(move || t_string!(i18n, track.hint).to_string())
                value=typed on_input=move |v: String| typed.set(v) error=message
                inputmode="numeric" autocomplete="off" class="input-w20" />
            <button type="submit" class="button">{move || t_string!(i18n, track.submit)}</button>
        </form>
        <p><leptos_router::components::A href="/find">{move || t_string!(i18n, track.lost_number)}</leptos_router::components::A></p>
    }
}
