//! Export: an article, a tag or a search written as files, each written atomically.

use std::path::{Path, PathBuf};

use galley_model::{Article, Status, markdown_file};
use galley_render::document::standalone_html;
use galley_render::{Rendered, ninjs::ninjs, render_body};
use serde::{Deserialize, Serialize};

use crate::fs::write_atomically;
use crate::{Error, Library, Result};

/// The formats Galley exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ExportFormat {
    /// A standalone HTML5 document.
    Html,
    /// The body's HTML only, for pasting into a CMS.
    Fragment,
    /// Markdown with front matter: every field but the editor's note (for an article from another
    /// tool's file, in that file's format, names and keys, and without the keys it did not have);
    /// imports back losslessly.
    Md,
    /// IPTC NINJS 2.0 JSON.
    Ninjs,
}

impl ExportFormat {
    pub fn parse(name: &str) -> Result<ExportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "html" => Ok(ExportFormat::Html),
            "fragment" => Ok(ExportFormat::Fragment),
            "md" | "markdown" => Ok(ExportFormat::Md),
            "ninjs" | "json" => Ok(ExportFormat::Ninjs),
            _ => Err(Error::Invalid(format!(
                "`{name}` is not an export format: use html, fragment, md or ninjs"
            ))),
        }
    }

    /// The format's name, as `parse` reads it.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Fragment => "fragment",
            ExportFormat::Md => "md",
            ExportFormat::Ninjs => "ninjs",
        }
    }

    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Fragment => "fragment.html",
            ExportFormat::Md => "md",
            ExportFormat::Ninjs => "json",
        }
    }
}

/// Which articles to export.
#[derive(Debug, Clone)]
pub enum Selection {
    /// One article by id or slug.
    Article(String),
    /// Several articles by id or slug (a selection in the list).
    Articles(Vec<String>),
    /// Every article with this tag or a tag below it (spiked ones left out).
    Tag(String),
    /// Every article a search finds.
    Search(String),
}

/// One exported article.
#[derive(Debug, Serialize)]
pub struct ExportedFile {
    pub id: String,
    pub slug: String,
    pub path: Option<PathBuf>,
    pub warnings: Vec<String>,
    pub error: Option<String>,
}

/// What a batch export did.
#[derive(Debug, Serialize)]
pub struct ExportReport {
    pub format: ExportFormat,
    pub files: Vec<ExportedFile>,
}

impl ExportReport {
    pub fn failed(&self) -> usize {
        self.files.iter().filter(|f| f.error.is_some()).count()
    }
}

impl Library {
    /// Points the article's images at their copies: embedded as `data:` URIs, or written into the
    /// folder `assets` and referred to relative to the exported file.
    fn carry_assets(
        &self,
        html: &str,
        file: &Path,
        assets: Option<&Path>,
        warnings: &mut Vec<String>,
    ) -> Result<String> {
        let mut failure = None;
        let carried = galley_render::assets::replace_asset_sources(html, |hash| {
            let asset = match self.store.asset(hash) {
                Ok(Some(asset)) => asset,
                Ok(None) => {
                    warnings
                        .push(format!("image assets/{hash}… is not in the store; its link stays as it was"));
                    return None;
                }
                Err(err) => {
                    failure.get_or_insert(Error::from(err));
                    return None;
                }
            };
            let Some(folder) = assets else {
                use base64::Engine;
                let data = base64::engine::general_purpose::STANDARD.encode(&asset.bytes);
                return Some(format!("data:{};base64,{data}", asset.media_type));
            };
            let name = format!("{hash}.{}", galley_model::asset::extension(&asset.media_type));
            let target = folder.join(&name);
            if !target.exists()
                && let Err(err) = write_atomically(&target, &asset.bytes)
            {
                failure.get_or_insert(err);
                return None;
            }
            Some(relative_url(file.parent().unwrap_or(Path::new(".")), folder, &name))
        });
        match failure {
            Some(err) => Err(err),
            None => Ok(carried),
        }
    }
}

/// The URL of `folder/name` as seen from a file in `from` (`../assets/x.png`, say).
fn relative_url(from: &Path, folder: &Path, name: &str) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let (from, folder) = (absolute(from), absolute(folder));
    let common = from.components().zip(folder.components()).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = from.components().skip(common).map(|_| "..".to_owned()).collect();
    parts.extend(folder.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.push(name.to_owned());
    parts.join("/")
}

/// A user's template: `NAME.html` in the `templates` folder beside the store.
fn read_template(library: &Library, name: &str) -> Result<(String, String)> {
    let folder = library.templates_folder();
    let file = if name.ends_with(".html") { name.to_owned() } else { format!("{name}.html") };
    if file.contains(['/', '\\']) || file.starts_with('.') {
        return Err(Error::Invalid(format!(
            "`{name}` is not a template name: give the name of a file in {}",
            folder.display()
        )));
    }
    let path = folder.join(&file);
    let source = std::fs::read_to_string(&path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => {
            Error::Invalid(format!("no template `{name}`: put {file} in {}", folder.display()))
        }
        _ => Error::Io { path: path.clone(), source },
    })?;
    Ok((file, source))
}

impl Library {
    /// The folder of user templates: the one set with [`Library::set_templates_folder`], else
    /// `templates` beside the store.
    pub fn templates_folder(&self) -> PathBuf {
        let chosen = self.templates.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        chosen.unwrap_or_else(|| self.path().parent().unwrap_or(Path::new(".")).join("templates"))
    }

    /// Uses `folder` for user templates from now on; `None` goes back to the default.
    pub fn set_templates_folder(&self, folder: Option<PathBuf>) {
        *self.templates.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = folder;
    }

    /// The names of the user's templates (`NAME` for `templates/NAME.html`), sorted; none when the
    /// folder does not exist.
    pub fn templates(&self) -> Result<Vec<String>> {
        let folder = self.templates_folder();
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(Error::Io { path: folder, source }),
        };
        let mut names: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| !name.starts_with('.'))
            .filter_map(|name| name.strip_suffix(".html").map(str::to_owned))
            .collect();
        names.sort();
        Ok(names)
    }

    /// An article in an export format, as text.
    pub fn export_text(
        &self,
        article: &Article,
        format: ExportFormat,
        template: Option<&str>,
    ) -> Result<Rendered> {
        // Only the HTML document has a template.
        let template = template.filter(|_| format == ExportFormat::Html);
        let template = template.map(|name| read_template(self, name)).transpose()?;
        self.render_with(article, format, template.as_ref())
    }

    /// An article in an export format, with a template already read (a batch reads it once).
    fn render_with(
        &self,
        article: &Article,
        format: ExportFormat,
        template: Option<&(String, String)>,
    ) -> Result<Rendered> {
        let fields = &article.fields;
        match format {
            ExportFormat::Html => {
                let template = template.map(|(name, source)| (name.as_str(), source.as_str()));
                standalone_html(article, template).map_err(|e| Error::Invalid(e.to_string()))
            }
            ExportFormat::Fragment => Ok(render_body(&fields.body, &fields.language)),
            ExportFormat::Md => Ok(Rendered {
                html: markdown_file::write(article.id, fields, article.created_at, article.updated_at, false),
                warnings: Vec::new(),
            }),
            ExportFormat::Ninjs => {
                let body = render_body(&fields.body, &fields.language);
                let json = serde_json::to_string_pretty(&ninjs(article, &body.html))
                    .expect("JSON values always serialise");
                Ok(Rendered { html: json + "\n", warnings: body.warnings })
            }
        }
    }

    /// Exports a selection. One article goes to `out` as a file, unless `out` is an existing folder;
    /// several go into the folder `out` (created if missing), one file each, named by slug.
    /// A failure on one article is reported and the rest go on.
    pub fn export(
        &self,
        selection: &Selection,
        format: ExportFormat,
        out: &Path,
        template: Option<&str>,
        assets: Option<&Path>,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<ExportReport> {
        let ids: Vec<String> = match selection {
            Selection::Article(id) => vec![self.article(id)?.id.to_string()],
            Selection::Articles(ids) => ids.clone(),
            Selection::Tag(tag) => {
                self.list(None, Some(tag), usize::MAX >> 1)?.into_iter().map(|a| a.id.to_string()).collect()
            }
            Selection::Search(query) => {
                self.search_ids(query)?.into_iter().map(|id| id.to_string()).collect()
            }
        };
        let template = template.filter(|_| format == ExportFormat::Html);
        let template = template.map(|name| read_template(self, name)).transpose()?;
        if let Some((file, source)) = &template {
            galley_render::document::check_template(file, source)
                .map_err(|e| Error::Invalid(e.to_string()))?;
        }
        let single_file = matches!(selection, Selection::Article(_)) && !out.is_dir();
        if !single_file {
            std::fs::create_dir_all(out).map_err(|source| Error::Io { path: out.to_owned(), source })?;
        }
        if let Some(folder) = assets {
            std::fs::create_dir_all(folder)
                .map_err(|source| Error::Io { path: folder.to_owned(), source })?;
        }
        let mut files = Vec::with_capacity(ids.len());
        for (done, id) in ids.iter().enumerate() {
            files.push(self.export_one(id, format, out, single_file, template.as_ref(), assets));
            progress(done + 1, ids.len());
        }
        Ok(ExportReport { format, files })
    }

    fn export_one(
        &self,
        id: &str,
        format: ExportFormat,
        out: &Path,
        single_file: bool,
        template: Option<&(String, String)>,
        assets: Option<&Path>,
    ) -> ExportedFile {
        let mut file = ExportedFile {
            id: id.to_owned(),
            slug: String::new(),
            path: None,
            warnings: Vec::new(),
            error: None,
        };
        let result = self.article(id).and_then(|article| {
            file.slug = article.fields.slug.clone();
            if article.fields.status == Status::Spiked && !single_file {
                file.warnings.push("spiked: exported all the same".into());
            }
            let mut rendered = self.render_with(&article, format, template)?;
            let path = if single_file {
                out.to_owned()
            } else {
                out.join(format!("{}.{}", article.fields.slug, format.extension()))
            };
            if matches!(format, ExportFormat::Html | ExportFormat::Fragment) {
                rendered.html = self.carry_assets(&rendered.html, &path, assets, &mut rendered.warnings)?;
            }
            write_atomically(&path, rendered.html.as_bytes())?;
            file.warnings.extend(rendered.warnings);
            Ok(path)
        });
        match result {
            Ok(path) => file.path = Some(path),
            Err(err) => file.error = Some(err.to_string()),
        }
        file
    }
}
