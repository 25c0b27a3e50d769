use crate::{
    AppState,
    dto::FamilyList,
    error::{ApiError, ErrorBody},
    extract::Auth,
};
use axum::{Json, extract::State};

/// Families I may see.
#[utoipa::path(get, path = "/api/v1/families", tag = "families",
    responses((status = 200, body = FamilyList), (status = 401, body = ErrorBody)))]
pub async fn list_families(State(state): State<AppState>, auth: Auth) -> Result<Json<FamilyList>, ApiError> {
    let items = state.app.list_families(&auth.actor).await?;
    Ok(Json(FamilyList { items: items.into_iter().map(Into::into).collect() }))
}
