//! Form fields with GOV.UK's accessible wiring: a visible label, optional hint, the error
//! message beside the field (`aria-describedby`, `aria-invalid`), and an error summary that
//! takes focus and links to each field. HTML5 validation is off; nothing typed is ever cleared.

use leptos::html;
use leptos::prelude::*;

pub fn field_id(name: &str) -> String {
    format!("f-{name}")
}

fn described_by(name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = vec![];
    if has_hint {
        ids.push(format!("{name}-hint"));
    }
    if has_error {
        ids.push(format!("{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A field's hint, under the id `described_by` names.
fn field_hint(name: &str, hint: Option<Signal<String>>) -> Option<impl IntoView> {
    let id = format!("{name}-hint");
    hint.map(|h| view! { <div class="hint" id=id>{move || h.get()}</div> })
}

/// A field's label; on one-question pages the label is the page heading (GOV.UK pattern).
fn field_label(id: String, label: Signal<String>, is_heading: bool) -> impl Fn() -> AnyView {
    move || {
        if is_heading {
            view! { <h1 class="label-heading" tabindex="-1"><label class="label label-l" for=id.clone()>{label.get()}</label></h1> }.into_any()
        } else {
            view! { <label class="label" for=id.clone()>{label.get()}</label> }.into_any()
        }
    }
}

#[component]
fn ErrorText(#[prop(into)] name: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    move || {
        error.get().map(|e| {
            view! {
                <p class="error-message" id=format!("{name}-error")>
                    <span class="visually-hidden">{crate::i18n::t_string!(i18n, common.error_prefix)} " "</span>
                    {e}
                </p>
            }
        })
    }
}

/// A field's `autocomplete` for this device's mode (`Mode::autofill`: off where an operator or a
/// kiosk types in other people's details).
fn autofill(token: Option<&'static str>) -> Option<&'static str> {
    crate::assist::use_mode().0.with_untracked(|m| m.autofill(token))
}

#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<(String,)>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] input_type: Option<&'static str>,
    #[prop(optional, into)] inputmode: Option<&'static str>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional)] label_is_heading: bool,
    /// Bounds for `type="date"` inputs (`YYYY-MM-DD`).
    #[prop(optional, into)]
    min: Option<String>,
    #[prop(optional, into)] max: Option<String>,
) -> impl IntoView {
    let id = field_id(&name);
    let has_hint = hint.is_some();
    let hint_view = field_hint(&name, hint);
    let label_view = field_label(id.clone(), label, label_is_heading);
    let autocomplete = autofill(autocomplete);
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            {label_view}
            {hint_view}
            <ErrorText name=name.clone() error=error />
            <input
                class=format!("input {}", class.unwrap_or(""))
                class:input-error=move || error.with(Option::is_some)
                id=id
                name=name.clone()
                type=input_type.unwrap_or("text")
                inputmode=inputmode
                autocomplete=autocomplete
                spellcheck="false"
                min=min
                max=max
                aria-describedby=move || described_by(&name, has_hint, error.with(Option::is_some))
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| on_input.run((event_target_value(&ev),))
            />
        </div>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<(String,)>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Characters allowed; shows a live counter.
    #[prop(into)]
    max: Signal<u32>,
    #[prop(optional)] label_is_heading: bool,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let id = field_id(&name);
    let has_hint = hint.is_some();
    let hint_view = field_hint(&name, hint);
    let used = move || value.with(|v| v.chars().count() as i64);
    let left = move || max.get() as i64 - used();
    let label_view = field_label(id.clone(), label, label_is_heading);
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            {label_view}
            {hint_view}
            <ErrorText name=name.clone() error=error />
            <textarea
                class="textarea"
                class:input-error=move || error.with(Option::is_some)
                id=id
                name=name.clone()
                rows="5"
                aria-describedby=move || described_by(&name, has_hint, error.with(Option::is_some))
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| on_input.run((event_target_value(&ev),))
            ></textarea>
            <div class="hint counter" class:counter-over=move || left() < 0 aria-live="polite">
                {move || if left() >= 0 {
                    crate::i18n::t_string!(i18n, common.chars_left, count = left()).to_string()
                } else {
                    crate::i18n::t_string!(i18n, common.chars_over, count = -left()).to_string()
                }}
            </div>
        </div>
    }
}

#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    /// `(code, label)` pairs; an empty first option asks the person to choose.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] placeholder: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<(String,)>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = field_id(&name);
    let has_hint = hint.is_some();
    let hint_view = field_hint(&name, hint);
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>{move || label.get()}</label>
            {hint_view}
            <ErrorText name=name.clone() error=error />
            <select
                class="select"
                class:input-error=move || error.with(Option::is_some)
                id=id
                name=name.clone()
                aria-describedby=move || described_by(&name, has_hint, error.with(Option::is_some))
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| on_change.run((event_target_value(&ev),))
            >
                <option value="" selected=move || value.with(String::is_empty)>{move || placeholder.get()}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let c = code.clone();
                            view! { <option value=code selected=move || value.with(|v| *v == c)>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A memorable date as three boxes (day, month, year), GOV.UK's date input: easier than a
/// picker for a date of birth, and Devanagari digits are accepted.
#[component]
pub fn DateParts(
    #[prop(into)] name: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    /// Labels for day, month and year.
    #[prop(into)]
    labels: Signal<[String; 3]>,
    #[prop(into)] values: Signal<[String; 3]>,
    #[prop(into)] on_input: Callback<(usize, String)>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_view = field_hint(&name, Some(hint));
    let n2 = name.clone();
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" role="group" aria-describedby=move || described_by(&n2, true, error.with(Option::is_some))>
                <legend class="legend"><span>{move || legend.get()}</span></legend>
                {hint_view}
                <ErrorText name=name.clone() error=error />
                <div class="date-input">
                    {(0..3usize).map(|i| {
                        // The first box carries the field's id, so the error summary focuses it.
                        let id = if i == 0 { field_id(&name) } else { format!("{}-{i}", field_id(&name)) };
                        let width = if i == 2 { "input-w4" } else { "input-w2" };
                        view! {
                            <div class="date-input-item">
                                <label class="label" for=id.clone()>{move || labels.with(|l| l[i].clone())}</label>
                                <input class=format!("input {width}") class:input-error=move || error.with(Option::is_some)
                                    id=id inputmode="numeric" autocomplete=autofill(Some(match i { 0 => "bday-day", 1 => "bday-month", _ => "bday-year" }))
                                    prop:value=move || values.with(|v| v[i].clone())
                                    on:input=move |ev| on_input.run((i, event_target_value(&ev))) />
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A single checkbox (declarations).
#[component]
pub fn Checkbox(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_change: Callback<(bool,)>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = field_id(&name);
    let n = name.clone();
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <ErrorText name=name.clone() error=error />
            <div class="checkbox">
                <input type="checkbox" class="checkbox-input" id=id.clone() name=name.clone()
                    aria-describedby=move || error.with(Option::is_some).then(|| format!("{n}-error"))
                    prop:checked=move || checked.get()
                    on:change=move |ev| on_change.run((event_target_checked(&ev),)) />
                <label class="checkbox-label" for=id>{move || label.get()}</label>
            </div>
        </div>
    }
}

/// One choice of a radio group.
#[derive(Clone, PartialEq)]
pub struct RadioOption {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub icon: Option<TileIcon>,
}

/// A tile's picture: drawn (`components::icons`), or the catalogue's emoji for a category the
/// portal has no drawing of.
#[derive(Clone, PartialEq)]
pub enum TileIcon {
    Drawn(&'static str),
    Text(String),
}

#[component]
pub fn Radios(
    #[prop(into)] name: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(optional)] legend_is_heading: bool,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(into)] options: Signal<Vec<RadioOption>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<(String,)>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Large tiles with icons (complaint categories).
    #[prop(optional)]
    tiles: bool,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let hint_view = field_hint(&name, hint);
    let n2 = name.clone();
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" aria-describedby=move || described_by(&n2, has_hint, error.with(Option::is_some))>
                <legend class="legend" class:legend-heading=legend_is_heading>
                    {move || if legend_is_heading {
                        view! { <h1 tabindex="-1">{legend.get()}</h1> }.into_any()
                    } else {
                        view! { <span>{legend.get()}</span> }.into_any()
                    }}
                </legend>
                {hint_view}
                <ErrorText name=name.clone() error=error />
                <div class="radios" class:tiles=tiles>
                    {move || {
                        let name = name.clone();
                        options
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, o)| {
                                let id = if i == 0 { field_id(&name) } else { format!("{}-{i}", field_id(&name)) };
                                let v = o.value.clone();
                                let v2 = o.value.clone();
                                let hint_id = format!("{id}-hint");
                                view! {
                                    <div class="radio">
                                        <input
                                            class="radio-input"
                                            type="radio"
                                            id=id.clone()
                                            name=name.clone()
                                            value=o.value.clone()
                                            aria-describedby=o.hint.is_some().then(|| hint_id.clone())
                                            prop:checked=move || value.with(|x| *x == v)
                                            on:change=move |_| on_change.run((v2.clone(),))
                                        />
                                        <label class="radio-label" for=id>
                                            {o.icon.map(|i| match i {
                                                TileIcon::Drawn(d) => view! { <svg class="tile-icon" viewBox="0 0 24 24" aria-hidden="true"><path d=d /></svg> }.into_any(),
                                                TileIcon::Text(t) => view! { <span class="tile-icon" aria-hidden="true">{t}</span> }.into_any(),
                                            })}
                                            <span>{o.label}</span>
                                        </label>
                                        {o.hint.map(|h| view! { <div class="hint radio-hint" id=hint_id>{h}</div> })}
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </div>
    }
}

/// "There is a problem": shown on Continue when answers need fixing. Takes focus each time
/// `attempt` changes so screen-reader users hear it; each link focuses its field.
#[component]
pub fn ErrorSummary(
    #[prop(into)] items: Signal<Vec<(String, String)>>,
    #[prop(into)] attempt: Signal<u32>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        attempt.track();
        if let Some(el) = node.get() {
            let _ = el.focus();
        }
    });
    view! {
        <Show when=move || items.with(|i| !i.is_empty())>
            // No id on the title: two forms on one page (a query's answer, a withdrawal) can both
            // show a summary, and the alert's role already reads its title with it.
            <div class="error-summary" node_ref=node tabindex="-1" role="alert">
                <h2 class="error-summary-title">{move || crate::i18n::t_string!(i18n, common.error_summary_title)}</h2>
                <ul class="error-summary-list">
                    {move || items.get().into_iter().map(|(field, msg)| {
                        let target = field_id(&field);
                        // An operator's refused details are not on this form: they are changed
                        // in Settings (`assist::refused_who_filed`).
                        let (href, here) = match crate::domain::assist::who_filed(&field) {
                            Some(crate::domain::assist::WhoFiled::Operator) => ("/settings".to_string(), false),
                            _ => (format!("#{target}"), true),
                        };
                        view! {
                            <li><a href=href on:click=move |ev| {
                                if !here {
                                    return;
                                }
                                ev.prevent_default();
                                if let Some(el) = document().get_element_by_id(&target) {
                                    use wasm_bindgen::JsCast;
                                    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
                                        let _ = h.focus();
                                    }
                                }
                            }>{msg}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
