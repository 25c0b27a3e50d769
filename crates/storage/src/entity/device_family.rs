use sea_orm::entity::prelude::*;

/// A family whose records were sent to a device: a lost phone's exposure.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "device_families")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub device_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub family_id: Uuid,
    pub first_sent_at: DateTimeUtc,
    pub last_sent_at: DateTimeUtc,
    /// When a pull told the device to delete it.
    pub removed_at: Option<DateTimeUtc>,
    /// The cursor of the pull page that last sent it: until the device pulls
    /// from there on, it may not have it.
    pub sent_seq: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
