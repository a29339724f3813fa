//! The user's settings: one JSON file in the OS config folder (`galley/settings.json`).
//!
//! Every field has a default, so a missing file, a file from an older Galley or one with fields a
//! newer Galley added all read fine. A file that cannot be read as settings is never overwritten:
//! [`Settings::load`] moves it aside (`settings.json.broken`) and says so, and Galley goes on with
//! the defaults.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result, write_atomically};

/// The longest headline when neither the settings nor a section say otherwise, in characters.
pub const DEFAULT_HEADLINE_CHARS: u32 = 110;

/// Which language the app's own words are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum UiLanguage {
    /// The operating system's language (Russian for Russian systems, English otherwise).
    #[default]
    System,
    Ru,
    En,
}

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Theme {
    /// Follows the operating system, and changes when it does.
    #[default]
    System,
    Light,
    Dark,
}

/// What the column beside the editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SidePanel {
    /// The article as it will be published.
    #[default]
    Preview,
    /// Counts against the limits, and the checklist.
    Inspector,
    /// Nothing: the editor takes the room.
    Hidden,
}

/// A section's limits, as the desk sets them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionLimits {
    /// The section's name, compared case-insensitively with an article's section.
    pub section: String,
    /// The longest headline, in characters with spaces.
    pub headline_chars: Option<u32>,
    /// The usual length of a piece, in characters with spaces; an article's own target wins.
    pub target_chars: Option<u32>,
}

/// Everything the user can set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    pub ui_language: UiLanguage,
    pub theme: Theme,
    /// The language of new articles (`ru`, `en`, …).
    pub article_language: String,
    /// The store file; `None` for the default in the OS data folder. Read at start.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub store: Option<PathBuf>,
    /// The folder of HTML templates; `None` for `templates` beside the store.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub templates: Option<PathBuf>,
    /// The longest headline for sections without their own limit.
    pub headline_chars: u32,
    pub sections: Vec<SectionLimits>,
    /// What the column beside the editor shows.
    pub side_panel: SidePanel,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_language: UiLanguage::System,
            theme: Theme::System,
            article_language: "ru".into(),
            store: None,
            templates: None,
            headline_chars: DEFAULT_HEADLINE_CHARS,
            sections: Vec::new(),
            side_panel: SidePanel::Preview,
        }
    }
}

/// The limits that apply to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Limits {
    pub headline_chars: u32,
    pub target_chars: Option<u32>,
}

/// Settings as read, and what went wrong reading them, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub settings: Settings,
    /// A message for the user when the file could not be read and the defaults are in use.
    pub problem: Option<String>,
}

impl Settings {
    /// The settings file: `galley/settings.json` in the OS config folder (`~/.config` on Linux,
    /// `~/Library/Application Support` on macOS, `%APPDATA%` on Windows).
    pub fn default_path() -> Option<PathBuf> {
        dirs::config_dir().map(|dir| dir.join("galley").join("settings.json"))
    }

    /// Reads the settings at `path`; the defaults when there is no file yet. A file that is not
    /// valid settings is moved aside and reported, never lost.
    pub fn load(path: &Path) -> Loaded {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Loaded { settings: Settings::default(), problem: None };
            }
            Err(err) => {
                return Loaded {
                    settings: Settings::default(),
                    problem: Some(format!(
                        "{} could not be read ({err}); using the defaults",
                        path.display()
                    )),
                };
            }
        };
        match serde_json::from_slice::<Settings>(&bytes) {
            Ok(settings) => Loaded { settings: settings.normalized(), problem: None },
            Err(err) => {
                let aside = path.with_extension("json.broken");
                let kept = match std::fs::rename(path, &aside) {
                    Ok(()) => format!("it was kept as {}", aside.display()),
                    Err(_) => "it was left as it is".into(),
                };
                Loaded {
                    settings: Settings::default(),
                    problem: Some(format!(
                        "{} is not valid settings ({err}); {kept}, and Galley uses the defaults",
                        path.display()
                    )),
                }
            }
        }
    }

    /// Writes the settings to `path` atomically, creating its folder.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|source| Error::Io { path: folder.to_owned(), source })?;
        }
        let mut json = serde_json::to_vec_pretty(&self.clone().normalized()).expect("settings serialize");
        json.push(b'\n');
        write_atomically(path, &json)
    }

    /// The limits for an article in `section` whose own target is `target_chars`.
    pub fn limits_for(&self, section: &str, target_chars: Option<u32>) -> Limits {
        let key = section.trim().to_lowercase();
        let own = self.sections.iter().find(|s| !key.is_empty() && s.section.trim().to_lowercase() == key);
        Limits {
            headline_chars: own.and_then(|s| s.headline_chars).unwrap_or(self.headline_chars),
            target_chars: target_chars.or(own.and_then(|s| s.target_chars)),
        }
    }

    /// The settings as they are kept: blank section rows, zero limits and an empty language (what
    /// cannot mean anything) dropped. [`Settings::save`] writes these, and [`Settings::load`] reads them.
    pub fn normalized(mut self) -> Settings {
        self.sections.retain(|s| !s.section.trim().is_empty());
        for section in &mut self.sections {
            section.section = section.section.trim().to_owned();
            section.headline_chars = section.headline_chars.filter(|&n| n > 0);
            section.target_chars = section.target_chars.filter(|&n| n > 0);
        }
        if self.headline_chars == 0 {
            self.headline_chars = DEFAULT_HEADLINE_CHARS;
        }
        self.article_language =
            galley_model::article::normalize_language(&self.article_language).unwrap_or_else(|| "ru".into());
        self.store = self.store.filter(|p| !p.as_os_str().is_empty());
        self.templates = self.templates.filter(|p| !p.as_os_str().is_empty());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = Settings::load(&dir.path().join("settings.json"));
        assert_eq!(loaded, Loaded { settings: Settings::default(), problem: None });
    }

    #[test]
    fn settings_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("galley").join("settings.json");
        let settings = Settings {
            ui_language: UiLanguage::En,
            theme: Theme::Dark,
            article_language: "en".into(),
            sections: vec![SectionLimits {
                section: "Экономика".into(),
                headline_chars: Some(80),
                target_chars: Some(3000),
            }],
            side_panel: SidePanel::Inspector,
            ..Settings::default()
        };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path).settings, settings);
    }

    #[test]
    fn older_and_newer_files_read_with_defaults_for_what_they_lack() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"theme": "light", "mirror": {"folder": "/x"}}"#).unwrap();
        let loaded = Settings::load(&path);
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.settings, Settings { theme: Theme::Light, ..Settings::default() });
    }

    #[test]
    fn a_broken_file_is_kept_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, b"{\"theme\": \"sepia\"").unwrap();
        let loaded = Settings::load(&path);
        assert_eq!(loaded.settings, Settings::default());
        let problem = loaded.problem.expect("the user is told");
        assert!(problem.contains("settings.json.broken"), "{problem}");
        assert_eq!(std::fs::read(dir.path().join("settings.json.broken")).unwrap(), b"{\"theme\": \"sepia\"");
        assert!(!path.exists());
    }

    #[test]
    fn a_section_limit_wins_over_the_default_and_an_article_target_over_the_section() {
        let settings = Settings {
            sections: vec![SectionLimits {
                section: "Экономика".into(),
                headline_chars: Some(80),
                target_chars: Some(3000),
            }],
            ..Settings::default()
        };
        assert_eq!(
            settings.limits_for(" экономика ", None),
            Limits { headline_chars: 80, target_chars: Some(3000) }
        );
        assert_eq!(settings.limits_for("Экономика", Some(1500)).target_chars, Some(1500));
        assert_eq!(settings.limits_for("Спорт", None), Limits { headline_chars: 110, target_chars: None });
        assert_eq!(settings.limits_for("", None).headline_chars, 110);
    }
}
