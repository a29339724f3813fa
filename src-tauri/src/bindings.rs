//! The TypeScript side of the bridge: declarations of every type the commands take and return,
//! generated from the Rust types with ts-rs into `ui/src/bindings.ts`. A test fails when the
//! committed file is stale; `UPDATE_EXPECT=1 cargo test -p galley-desktop bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::commands::backup::{BackupChoice, BackupList};
use crate::commands::import::{ImportProblem, ImportResult};
use crate::commands::rescue::{PickedBackup, StoreProblem};
use crate::commands::settings::{PathKind, SettingsView};
use crate::commands::{app::AppConfig, export::ExportSaved, preview::Preview};
use crate::mirror::{MirrorState, MirrorStatus, MirrorUpdate};
use crate::{ErrorCode, IpcError};

/// The whole of `ui/src/bindings.ts`.
pub fn typescript() -> String {
    // Counts are JSON numbers, far below 2^53: `number`, not `bigint`.
    let config = Config::new().with_large_int("number");
    let declarations = [
        galley_model::ArticleId::decl(&config),
        galley_model::Status::decl(&config),
        galley_model::Related::decl(&config),
        galley_model::ArticleFields::decl(&config),
        galley_model::Article::decl(&config),
        galley_model::ArticleSummary::decl(&config),
        galley_model::RevisionReason::decl(&config),
        galley_model::RevisionSummary::decl(&config),
        galley_model::Counts::decl(&config),
        galley_model::ArticleStats::decl(&config),
        galley_core::ListPage::decl(&config),
        galley_core::Autosaved::decl(&config),
        galley_core::StorePlaceRisk::decl(&config),
        galley_core::ListSort::decl(&config),
        galley_core::ListView::decl(&config),
        galley_core::SectionCount::decl(&config),
        galley_render::check::Place::decl(&config),
        galley_render::check::Problem::decl(&config),
        galley_core::Limits::decl(&config),
        galley_core::Inspection::decl(&config),
        galley_core::DiffField::decl(&config),
        galley_core::SpanKind::decl(&config),
        galley_core::DiffSpan::decl(&config),
        galley_core::FieldDiff::decl(&config),
        galley_core::UiLanguage::decl(&config),
        galley_core::Theme::decl(&config),
        galley_core::SidePanel::decl(&config),
        galley_core::SectionLimits::decl(&config),
        galley_core::Settings::decl(&config),
        SettingsView::decl(&config),
        PathKind::decl(&config),
        ImportProblem::decl(&config),
        ImportResult::decl(&config),
        galley_mirror::Kept::decl(&config),
        galley_mirror::Change::decl(&config),
        galley_mirror::Conflict::decl(&config),
        galley_mirror::FileProblem::decl(&config),
        MirrorState::decl(&config),
        MirrorStatus::decl(&config),
        MirrorUpdate::decl(&config),
        galley_mirror::LinkPlan::decl(&config),
        galley_core::BackupKind::decl(&config),
        galley_core::BackupFile::decl(&config),
        BackupList::decl(&config),
        BackupChoice::decl(&config),
        galley_core::Recovered::decl(&config),
        galley_core::Restored::decl(&config),
        galley_core::LostArticle::decl(&config),
        galley_core::RecoveryOffer::decl(&config),
        crate::ReadOnlyKind::decl(&config),
        crate::StoreHealth::decl(&config),
        StoreProblem::decl(&config),
        PickedBackup::decl(&config),
        galley_core::Field::decl(&config),
        galley_core::SearchHit::decl(&config),
        galley_query::Snippet::decl(&config),
        galley_core::TagCount::decl(&config),
        galley_core::ExportFormat::decl(&config),
        ExportSaved::decl(&config),
        Preview::decl(&config),
        AppConfig::decl(&config),
        ErrorCode::decl(&config),
        IpcError::decl(&config),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs). Do not edit:\n\
         // `UPDATE_EXPECT=1 cargo test -p galley-desktop bindings` rewrites it.\n",
    );
    for declaration in declarations {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&declaration);
        out.push('\n');
    }
    // The events the shell sends the page, so both sides name them from one place.
    for (name, event) in [
        ("CLOSE_REQUESTED", crate::CLOSE_REQUESTED),
        ("LINK_REQUESTED", crate::LINK_REQUESTED),
        ("DROP_HOVER", crate::DROP_HOVER),
        ("IMPORTED", crate::IMPORTED),
        ("MIRROR", crate::MIRROR),
        ("BACKUP_FAILED", crate::BACKUP_FAILED),
        ("STORE_HEALTH", crate::STORE_HEALTH),
    ] {
        out.push_str(&format!("\nexport const {name} = {event:?};\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_ts_is_up_to_date() {
        expect_test::expect_file!["../../ui/src/bindings.ts"].assert_eq(&super::typescript());
    }
}
