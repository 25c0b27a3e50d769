//! Referrals of a family or a member to a specialist, an organization or a
//! commission: sent → accepted or declined → in progress → done, with the
//! receiver's feedback. The receiver sees the case — what was referred and
//! how to reach the family — never the family's file.

use crate::{
    Actor, AppError, Hamyar,
    model::{AssistanceWrite, Commission, Decision, Family, Member, Referral, Resource, SyncMeta, Task},
    policy::{self, Action},
};
use hamyar_domain::{
    FieldError,
    assistance::{ReferralStatus, Urgency},
    organization::{Name, optional_text},
    role::Role,
};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    pub member_id: Option<Uuid>,
    /// To a resource of the directory…
    #[serde(default)]
    pub resource_id: Option<Uuid>,
    /// …or to a commission.
    #[serde(default)]
    pub commission_id: Option<Uuid>,
    pub reason: String,
    #[serde(default)]
    pub urgency: Option<String>,
}

/// An answer to a referral: its next status and the receiver's words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralAnswer {
    pub status: String,
    #[serde(default)]
    pub feedback: Option<String>,
}

/// A referral with what the viewer may know around it.
pub struct ReferralCase {
    pub referral: Referral,
    pub family_name: String,
    /// How to reach the family (the head's name, neighborhood, address,
    /// phones). Always given: everyone who may see a case works with the
    /// family on it.
    pub contact: Option<CaseContact>,
    pub member: Option<Member>,
    pub resource: Option<Resource>,
    pub commission: Option<Commission>,
    pub referred_by_name: Option<String>,
    pub receiver_name: Option<String>,
    /// The family's helper now (name and mobile), to work with.
    pub helper: Option<(String, String)>,
    pub decisions: Vec<Decision>,
    pub tasks: Vec<Task>,
    pub can_answer: bool,
    pub can_withdraw: bool,
    pub today: chrono::NaiveDate,
}

pub struct CaseContact {
    pub head_name: String,
    pub neighborhood: String,
    pub address: String,
    pub phones: Vec<String>,
}

impl Hamyar {
    /// A commission a center's family may be referred to: the center's own
    /// or its headquarters'.
    async fn commission_for(&self, family: &Family, id: Uuid) -> Result<Commission, AppError> {
        let center = self.store.get_center(family.center_id).await?.ok_or(AppError::NotFound)?;
        match self.store.get_commission(id).await? {
            Some(c)
                if c.meta.deleted_at.is_none()
                    && c.hq_id == center.hq_id
                    && c.center_id.is_none_or(|own| own == family.center_id) =>
            {
                Ok(c)
            }
            _ => Err(FieldError::new("commission_id", "unknown", "کمیسیون پیدا نشد / Commission not found").into()),
        }
    }

    /// Commissions a family of the actor's center may be referred to.
    pub async fn referable_commissions(&self, actor: &Actor) -> Result<Vec<Commission>, AppError> {
        let (Some(hq), Some(center)) = (actor.hq_id, actor.center_id) else { return Ok(Vec::new()) };
        if !matches!(actor.role, Role::CenterManager | Role::Helper) {
            return Ok(Vec::new());
        }
        Ok(self
            .store
            .list_commissions(hq)
            .await?
            .into_iter()
            .filter(|c| c.center_id.is_none_or(|own| own == center))
            .collect())
    }

    pub async fn create_referral(
        &self,
        actor: &Actor,
        family_id: Uuid,
        input: ReferralInput,
    ) -> Result<Referral, AppError> {
        let family = self.assisted_family(actor, family_id).await?;
        let id = input.id.unwrap_or_else(Uuid::now_v7);
        if self.store.get_referral(id).await?.is_some() {
            return Err(
                FieldError::new("id", "taken", "این شناسه پیش‌تر به کار رفته است / This id is already used").into()
            );
        }
        let member_id = self.optional_member(&family, input.member_id).await?;
        let (resource, commission) = match (input.resource_id, input.commission_id) {
            (Some(r), None) => (self.resource_for(actor, &family, Some(r)).await?, None),
            (None, Some(c)) => (None, Some(self.commission_for(&family, c).await?)),
            _ => {
                return Err(FieldError::new(
                    "resource_id",
                    "required",
                    "یک گیرنده برگزینید: متخصص یا سازمان، یا کمیسیون / Choose one receiver: a specialist or organization, or a commission",
                )
                .into());
            }
        };
        let referral = Referral {
            id,
            family_id: family.id,
            center_id: family.center_id,
            member_id,
            resource_id: resource.as_ref().map(|r| r.id),
            receiver_user_id: resource.as_ref().and_then(|r| r.user_id),
            commission_id: commission.map(|c| c.id),
            reason: Name::parse("reason", &input.reason, 2000)?.into_string(),
            urgency: Urgency::parse(input.urgency.as_deref().unwrap_or("routine"))?,
            status: ReferralStatus::Sent,
            feedback: String::new(),
            referred_on: self.today(),
            referred_by: Some(actor.user_id),
            meta: SyncMeta::new(self.clock.now()),
        };
        let write = AssistanceWrite { referrals: vec![referral.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(referral)
    }

    /// A referral the actor may see, with its family and commission.
    async fn visible_referral(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<(Referral, Family, Option<Commission>), AppError> {
        let referral = self.store.get_referral(id).await?.filter(|r| r.meta.deleted_at.is_none());
        let referral = referral.ok_or(AppError::NotFound)?;
        let family = self.store.get_family(referral.family_id).await?.ok_or(AppError::NotFound)?;
        let commission = match referral.commission_id {
            Some(c) => self.store.get_commission(c).await?,
            None => None,
        };
        let read = Action::ReadReferral { referral: &referral, family: &family, commission: commission.as_ref() };
        policy::authorize(actor, read).map_err(|_| AppError::NotFound)?;
        Ok((referral, family, commission))
    }

    /// Moves a referral on: the receiver accepts or declines it, reports
    /// progress and closes it; the family's side may withdraw it.
    pub async fn answer_referral(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        answer: ReferralAnswer,
    ) -> Result<Referral, AppError> {
        let (current, family, commission) = self.visible_referral(actor, id).await?;
        let next_status = ReferralStatus::parse(&answer.status)?;
        let allowed = if next_status == ReferralStatus::Withdrawn {
            Action::AssistFamily(&family)
        } else {
            Action::AnswerReferral { referral: &current, family: &family, commission: commission.as_ref() }
        };
        policy::authorize(actor, allowed)?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        if next_status != current.status && !current.status.may_become(next_status) {
            return Err(FieldError::new(
                "status",
                "transition",
                format!(
                    "این ارجاع از «{}» به «{}» نمی‌رود / This referral cannot go from {} to {}",
                    status_fa(current.status),
                    status_fa(next_status),
                    current.status.code(),
                    next_status.code()
                ),
            )
            .into());
        }
        let mut next = current.clone();
        next.status = next_status;
        if let Some(feedback) = &answer.feedback {
            next.feedback = optional_text("feedback", Some(feedback), 4000)?;
        }
        if next == current {
            return Ok(current);
        }
        next.meta = current.meta.bumped(self.clock.now());
        let write = AssistanceWrite { referrals: vec![next.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(next)
    }

    /// Referrals the actor deals with: a manager's center's, a helper's
    /// families', and those sent to the actor, to their commissions, or to
    /// the commissions they run.
    pub async fn list_referrals(&self, actor: &Actor) -> Result<Vec<ReferralCase>, AppError> {
        // Seats, and the commissions the actor runs.
        let mut commissions = actor.commissions.clone();
        if let Some(hq) = actor.hq_id
            && matches!(actor.role, Role::HqAdmin | Role::CenterManager)
        {
            commissions.extend(
                self.store
                    .list_commissions(hq)
                    .await?
                    .iter()
                    .filter(|c| policy::authorize(actor, Action::ManageCommission(c)).is_ok())
                    .map(|c| c.id),
            );
        }
        let mut referrals = self.store.referrals_received(Some(actor.user_id), &commissions).await?;
        match (actor.role, actor.center_id) {
            (Role::CenterManager, Some(center)) => referrals.extend(self.store.center_referrals(center).await?),
            (Role::Helper, Some(_)) => referrals.extend(self.store.family_referrals(&actor.assigned_families).await?),
            _ => {}
        }
        let mut seen = std::collections::HashSet::new();
        referrals.retain(|r| seen.insert(r.id));
        referrals.sort_by(|a, b| b.referred_on.cmp(&a.referred_on).then(b.id.cmp(&a.id)));
        let mut out = Vec::with_capacity(referrals.len());
        for r in referrals {
            // Each is checked again: the policy, not the query, decides.
            if let Ok(case) = self.referral_case(actor, r.id).await {
                out.push(case);
            }
        }
        Ok(out)
    }

    /// One case, as the actor may see it.
    pub async fn referral_case(&self, actor: &Actor, id: Uuid) -> Result<ReferralCase, AppError> {
        let (referral, family, commission) = self.visible_referral(actor, id).await?;
        let members = self.store.family_members(family.id).await?;
        let head_name = crate::families::derive(&family, &members).head_name;
        let member = referral.member_id.and_then(|m| members.iter().find(|x| x.id == m).cloned());
        let resource = match referral.resource_id {
            Some(r) => self.store.get_resource(r).await?,
            None => None,
        };
        let names =
            self.user_names(referral.referred_by.into_iter().chain(referral.receiver_user_id).collect()).await?;
        let helper = self.current_helper(&family).await?;
        let (decisions, tasks) = match &commission {
            Some(_) => {
                let decisions: Vec<Decision> = self
                    .store
                    .family_decisions(&[family.id])
                    .await?
                    .into_iter()
                    .filter(|d| d.referral_id == referral.id)
                    .collect();
                let tasks: Vec<Task> = self
                    .store
                    .family_tasks(&[family.id])
                    .await?
                    .into_iter()
                    .filter(|t| t.referral_id == referral.id)
                    .collect();
                (decisions, tasks)
            }
            None => (Vec::new(), Vec::new()),
        };
        let answer = Action::AnswerReferral { referral: &referral, family: &family, commission: commission.as_ref() };
        let can_answer = !referral.status.is_closed() && policy::authorize(actor, answer).is_ok();
        let can_withdraw =
            !referral.status.is_closed() && policy::authorize(actor, Action::AssistFamily(&family)).is_ok();
        Ok(ReferralCase {
            family_name: family.family_name.clone(),
            contact: Some(CaseContact {
                head_name,
                neighborhood: family.neighborhood.clone(),
                address: family.address.clone(),
                phones: family.phones.clone(),
            }),
            member,
            resource,
            commission,
            referred_by_name: referral.referred_by.and_then(|u| names.get(&u).cloned()),
            receiver_name: referral.receiver_user_id.and_then(|u| names.get(&u).cloned()),
            helper,
            decisions,
            tasks,
            can_answer,
            can_withdraw,
            today: self.today(),
            referral,
        })
    }

    /// The helper of the family's open assignment: name and mobile.
    pub(crate) async fn current_helper(&self, family: &Family) -> Result<Option<(String, String)>, AppError> {
        let today = self.today();
        let open = self.store.family_assignments(family.id).await?.into_iter().find(|a| a.counts_on(today));
        Ok(match open {
            Some(a) => self.store.get_helper(a.helper_id).await?.map(|h| (h.full_name(), h.mobile)),
            None => None,
        })
    }
}

pub fn status_fa(s: ReferralStatus) -> &'static str {
    match s {
        ReferralStatus::Sent => "فرستاده",
        ReferralStatus::Accepted => "پذیرفته",
        ReferralStatus::Declined => "نپذیرفته",
        ReferralStatus::InProgress => "در جریان",
        ReferralStatus::Done => "انجام‌شده",
        ReferralStatus::Withdrawn => "پس‌گرفته",
    }
}
