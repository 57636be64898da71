//! Subscriptions: customers subscribe to public updates from the status page
//! (email with double opt-in, or webhook); staff subscribe to internal
//! notices (email, webhook, chat webhook, personal Atom feed); admins see
//! every delivery and why one failed.

use super::{ApiJson, ApiQuery, ClientAddress};
use crate::auth::{Admin, Caller};
use crate::error::AppError;
use crate::feeds;
use crate::store::notify::{self, NewSubscriber};
use crate::store::public::Reader;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use herald_model::api::{
    validate_email, validate_ids, validate_url, ApiError, FieldError, NewSubscription,
    SubscriptionAccepted,
};
use herald_model::portal::{
    DeliveryRecord, FeedAddress, Notice, StaffSubscription, SubscriberRecord,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Refuses a webhook URL that points inside (loopback, private networks,
/// metadata services), unless the operator allowed that.
async fn outbound_allowed(state: &AppState, field: &str, url: &str) -> Result<(), AppError> {
    if state.allow_private_webhooks {
        return Ok(());
    }
    crate::outbound::check(url)
        .await
        .map_err(|reason| FieldError::new(field, reason).into())
}

/// Subscribe to public updates. Emails are sent nothing before the address is confirmed.
#[utoipa::path(post, path = "/api/subscribers", tag = "subscriptions", request_body = NewSubscription,
    responses(
        (status = 202, description = "Accepted; for email, a confirmation was sent", body = SubscriptionAccepted),
        (status = 409, description = "Already subscribed", body = ApiError),
        (status = 422, description = "A field is invalid", body = ApiError),
        (status = 429, description = "Too many requests from this address or for this subscriber; see Retry-After", body = ApiError),
    ))]
async fn subscribe(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(body): ApiJson<NewSubscription>,
) -> Result<(StatusCode, Json<SubscriptionAccepted>), AppError> {
    let target = body
        .email
        .as_deref()
        .or(body.webhook_url.as_deref())
        .unwrap_or_default();
    state.limits.subscribe(target, client)?;
    let (channel, address) = match (&body.email, &body.webhook_url) {
        (Some(email), None) => {
            validate_email("email", email.trim())?;
            ("email", email.trim().to_owned())
        }
        (None, Some(url)) => {
            validate_url("webhook_url", url.trim())?;
            outbound_allowed(&state, "webhook_url", url.trim()).await?;
            ("webhook", url.trim().to_owned())
        }
        _ => {
            return Err(
                FieldError::new("email", "give either an email address or a webhook_url").into(),
            )
        }
    };
    if let Some(ids) = &body.components {
        validate_ids("components", ids.iter().map(String::as_str))?;
    }
    let components = body.components.clone();
    let message = state
        .write_internal(move |tx, now| {
            let is_email = channel == "email";
            let (subscriber, secret) = notify::subscribe(
                tx,
                &NewSubscriber {
                    audience: "public",
                    channel,
                    address: &address,
                    format: if is_email {
                        notify::format::EMAIL
                    } else {
                        notify::format::STATUSPAGE
                    },
                    components: components.as_deref(),
                    user_id: None,
                    confirmed: !is_email,
                },
                now,
            )?;
            if is_email {
                notify::enqueue_confirmation(tx, &subscriber, &secret, now)?;
                Ok("Check your inbox: we sent a link to confirm the subscription.".to_owned())
            } else {
                Ok("The webhook is subscribed.".to_owned())
            }
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(SubscriptionAccepted { message })))
}

/// The secret of a confirm or unsubscribe link.
#[derive(Deserialize, utoipa::IntoParams)]
struct LinkQuery {
    /// The secret from the email.
    token: String,
}

fn page_answer(status: StatusCode, title: &str, text: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem\"><main><h1>{title}</h1><p>{text}</p><p><a href=\"/\">Back to the status page</a></p></main></body></html>",
        title = crate::text::escape_html(title),
        text = crate::text::escape_html(text)
    );
    (status, Html(html)).into_response()
}

/// Confirm an email subscription (the link in the confirmation email).
#[utoipa::path(get, path = "/api/subscribers/confirm", tag = "subscriptions", params(LinkQuery),
    responses((status = 200, description = "Confirmed (an HTML page)"), (status = 404, description = "Unknown link")))]
async fn confirm(State(state): State<AppState>, ApiQuery(q): ApiQuery<LinkQuery>) -> Response {
    match state
        .write_internal(move |tx, _| notify::confirm(tx, &q.token))
        .await
    {
        Ok(s) => page_answer(
            StatusCode::OK,
            "Subscription confirmed",
            &format!("{} will receive status updates.", s.address),
        ),
        Err(_) => page_answer(
            StatusCode::NOT_FOUND,
            "Link not valid",
            "This confirmation link is not valid.",
        ),
    }
}

/// One-click unsubscribe (the link in every email; also `POST` per RFC 8058).
#[utoipa::path(get, path = "/api/subscribers/unsubscribe", tag = "subscriptions", params(LinkQuery),
    responses((status = 200, description = "Unsubscribed (an HTML page)"), (status = 404, description = "Unknown link")))]
async fn unsubscribe(State(state): State<AppState>, ApiQuery(q): ApiQuery<LinkQuery>) -> Response {
    match state
        .write_internal(move |tx, now| notify::unsubscribe(tx, &q.token, now))
        .await
    {
        Ok(s) => page_answer(
            StatusCode::OK,
            "Unsubscribed",
            &format!("{} will receive no more updates.", s.address),
        ),
        Err(_) => page_answer(
            StatusCode::NOT_FOUND,
            "Link not valid",
            "This unsubscribe link is not valid.",
        ),
    }
}

/// One-click unsubscribe by POST (RFC 8058), as mail clients send it.
#[utoipa::path(post, path = "/api/subscribers/unsubscribe", tag = "subscriptions", params(LinkQuery),
    responses((status = 200, description = "Unsubscribed"), (status = 404, description = "Unknown link")))]
async fn unsubscribe_post(state: State<AppState>, q: ApiQuery<LinkQuery>) -> Response {
    unsubscribe(state, q).await
}

/// Your subscriptions to internal notices.
#[utoipa::path(get, path = "/api/me/subscriptions", tag = "subscriptions",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "Your subscriptions", body = [SubscriberRecord])))]
async fn my_subscriptions(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<Vec<SubscriberRecord>>, AppError> {
    Ok(Json(
        state
            .read(move |conn| notify::list_for_user(conn, &user.id))
            .await?,
    ))
}

/// Subscribe to internal notices by email, webhook or chat webhook.
#[utoipa::path(post, path = "/api/me/subscriptions", tag = "subscriptions", request_body = StaffSubscription,
    security(("session" = []), ("token" = [])),
    responses(
        (status = 201, description = "Subscribed", body = SubscriberRecord),
        (status = 422, description = "A field is invalid", body = ApiError),
    ))]
async fn subscribe_me(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(body): ApiJson<StaffSubscription>,
) -> Result<(StatusCode, Json<SubscriberRecord>), AppError> {
    let format = match (body.channel.as_str(), body.format.as_deref()) {
        ("email", None) => notify::format::EMAIL,
        ("webhook", None | Some("generic")) => notify::format::GENERIC,
        ("webhook", Some("chat")) => notify::format::CHAT,
        ("email" | "webhook", Some(_)) => {
            return Err(FieldError::new("format", "use generic or chat (webhooks only)").into())
        }
        _ => return Err(FieldError::new("channel", "use email or webhook").into()),
    };
    if let Some(ids) = &body.components {
        validate_ids("components", ids.iter().map(String::as_str))?;
    }
    if body.channel == "email" {
        validate_email("address", body.address.trim())?;
    } else {
        validate_url("address", body.address.trim())?;
        outbound_allowed(&state, "address", body.address.trim()).await?;
    }
    let record = state
        .write_internal(move |tx, now| {
            notify::subscribe(
                tx,
                &NewSubscriber {
                    audience: "internal",
                    channel: if body.channel == "email" {
                        "email"
                    } else {
                        "webhook"
                    },
                    address: body.address.trim(),
                    format,
                    components: body.components.as_deref(),
                    user_id: Some(&user.id),
                    confirmed: true,
                },
                now,
            )
            .map(|(record, _)| record)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// End one of your subscriptions.
#[utoipa::path(delete, path = "/api/me/subscriptions/{id}", tag = "subscriptions",
    params(("id" = String, Path, description = "Subscription id")),
    security(("session" = []), ("token" = [])),
    responses((status = 204, description = "Ended"), (status = 404, description = "Not yours", body = ApiError)))]
async fn unsubscribe_me(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    state
        .write_internal(move |tx, now| notify::unsubscribe_own(tx, &user.id, &id, now))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Create (or replace) your personal Atom feed of internal notices; the old address stops working.
#[utoipa::path(post, path = "/api/me/feed", tag = "subscriptions",
    security(("session" = []), ("token" = [])),
    responses((status = 201, description = "The feed's address", body = FeedAddress)))]
async fn new_feed(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<(StatusCode, Json<FeedAddress>), AppError> {
    let (secret, page_url) = state
        .write_internal(move |tx, now| {
            let secret = notify::new_feed_token(tx, &user.id, now)?;
            Ok((secret, Reader::new(tx)?.page.url))
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(FeedAddress {
            url: format!("{page_url}/api/feeds/staff/{secret}.atom"),
        }),
    ))
}

/// Revoke your personal feed.
#[utoipa::path(delete, path = "/api/me/feed", tag = "subscriptions",
    security(("session" = []), ("token" = [])),
    responses((status = 204, description = "Revoked")))]
async fn revoke_feed(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<StatusCode, AppError> {
    state
        .write_internal(move |tx, _| notify::revoke_feed_token(tx, &user.id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A personal Atom feed of internal notices (the secret is the authentication).
#[utoipa::path(get, path = "/api/feeds/staff/{file}", tag = "subscriptions",
    params(("file" = String, Path, description = "`<secret>.atom`")),
    responses(
        (status = 200, description = "Atom feed of notices", content_type = "application/atom+xml"),
        (status = 404, description = "Unknown or revoked feed", body = ApiError),
    ))]
async fn staff_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file.strip_suffix(".atom").unwrap_or("").to_owned();
    let feed = state
        .read(move |conn| {
            if secret.is_empty() || !notify::feed_token_valid(conn, &secret)? {
                return Ok(None);
            }
            let page = Reader::new(conn)?.page;
            let notices = notify::notices(conn, 100)?;
            Ok(Some(feeds::staff_atom(&page, &notices, &secret)))
        })
        .await?;
    match feed {
        Some(bytes) => Ok((
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-cache"),
            ],
            bytes,
        )
            .into_response()),
        None => Err(AppError::not_found(
            "there is no such feed (it may have been revoked)",
        )),
    }
}

/// Internal notices: every update of every incident, newest first.
#[utoipa::path(get, path = "/api/notices", tag = "subscriptions",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "Notices", body = [Notice]), (status = 401, description = "Not signed in", body = ApiError)))]
async fn notices(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<Notice>>, AppError> {
    Ok(Json(state.read(|conn| notify::notices(conn, 100)).await?))
}

/// Every recent delivery with its status, attempts and the last error.
#[utoipa::path(get, path = "/api/deliveries", tag = "subscriptions",
    security(("session" = []), ("token" = [])),
    responses((status = 200, description = "Deliveries, newest first", body = [DeliveryRecord]), (status = 403, description = "Not an admin", body = ApiError)))]
async fn deliveries(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<Vec<DeliveryRecord>>, AppError> {
    let recent = state.read(|conn| notify::recent(conn, 200)).await?;
    Ok(Json(recent.into_iter().map(DeliveryRecord::from).collect()))
}

/// Subscription routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(subscribe))
        .routes(routes!(confirm))
        .routes(routes!(unsubscribe, unsubscribe_post))
        .routes(routes!(my_subscriptions, subscribe_me))
        .routes(routes!(unsubscribe_me))
        .routes(routes!(new_feed, revoke_feed))
        .routes(routes!(staff_feed))
        .routes(routes!(notices))
        .routes(routes!(deliveries))
}
