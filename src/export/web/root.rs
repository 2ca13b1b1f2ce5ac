//! The files at the top of the site, shared by every locale: the page sending visitors to their
//! language (`/index.html`), the root 404 page, `sitemap.xml` with alternates, `robots.txt`, the
//! assets, and the images the pages refer to.

use super::*;

/// `/index.html`, `/404.html`, `/sitemap.xml`, `/robots.txt` and `/assets/*`.
pub(super) fn root_files(
    site: &Site,
    locales: &[LocaleSite],
    templates: &Templates,
) -> Result<Vec<SiteFile>, WebError> {
    let mut files = Vec::new();
    let source = &locales[0];
    let tags: Vec<&str> = locales.iter().map(|l| l.tag()).collect();
    let matching = Value::from_safe_string(super::languages::table_json(
        &super::languages::matching_table(&tags),
    ));
    for not_found in [false, true] {
        let languages: Vec<Value> = locales
            .iter()
            .map(|l| {
                Record::value([
                    ("tag", Value::from(l.locale.tag.clone())),
                    ("name", Value::from(l.locale.name.clone())),
                    ("dir", Value::from(l.dir)),
                    ("not_found", l.ui_text["not-found-title"].clone()),
                ])
            })
            .collect();
        let site_name = source.ui_text["site-name"].clone();
        let context = Record::value([
            ("lang", Value::from(source.locale.tag.clone())),
            ("dir", Value::from(source.dir)),
            ("title", site_name.clone()),
            ("site_name", site_name),
            ("languages", Value::from(languages)),
            ("alternates", alternates(site, "")),
            ("noindex", Value::from(not_found)),
            ("matching", matching.clone()),
            (
                "base_href",
                Value::from(if not_found {
                    site.base_path.clone()
                } else {
                    String::new()
                }),
            ),
        ]);
        let html = templates.render("root.html", context)?;
        let name = if not_found { "404.html" } else { "index.html" };
        files.push(SiteFile {
            path: name.to_string(),
            contents: html.into_bytes(),
        });
    }

    files.push(SiteFile {
        path: "sitemap.xml".to_string(),
        contents: sitemap(site).into_bytes(),
    });
    files.push(SiteFile {
        path: "robots.txt".to_string(),
        contents: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.base_url
        )
        .into_bytes(),
    });
    for (name, text) in &templates.assets {
        files.push(SiteFile {
            path: format!("assets/{name}"),
            contents: text.as_bytes().to_vec(),
        });
    }
    Ok(files)
}

/// `sitemap.xml`: every page of every published locale, each with its alternates, but for the
/// pages mostly shown in another locale (`noindex`).
pub(super) fn sitemap(site: &Site) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let source = &site.project.source_locale().tag;
    for page in site.pages {
        let listed: Vec<&&Locale> = site
            .published
            .iter()
            .filter(|l| !site.mostly_fallback(&l.tag, &page.slug))
            .collect();
        for locale in &listed {
            let _ = writeln!(
                out,
                "<url>\n<loc>{}</loc>",
                escape(&site.absolute(&locale.tag, &page.slug))
            );
            for alternate in &listed {
                let _ = writeln!(
                    out,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(&alternate.tag),
                    escape(&site.absolute(&alternate.tag, &page.slug))
                );
            }
            let _ = writeln!(
                out,
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n</url>",
                escape(&site.absolute(source, &page.slug))
            );
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// Copies the images pages refer to by relative path, when they exist under `content/`, and the
/// theme's logo (checked when the configuration was read) to `/assets/`.
pub(super) fn copy_images(project: &Project, pages: &[Page], root: &Path) -> Result<(), WebError> {
    if let Some(logo) = &project.site.theme.logo
        && let Some(extension) = logo.extension()
    {
        let to = root.join("assets").join(format!(
            "logo.{}",
            extension.to_string_lossy().to_ascii_lowercase()
        ));
        std::fs::create_dir_all(root.join("assets")).map_err(|source| WebError::Write {
            path: root.join("assets"),
            source,
        })?;
        std::fs::copy(logo, &to).map_err(|source| WebError::Write { path: to, source })?;
    }
    for page in pages {
        for (_, blocks) in &page.sections {
            for block in blocks {
                let Block::Image { src, .. } = block else {
                    continue;
                };
                if !is_relative(src) || src.split('/').any(|s| s == "..") {
                    continue;
                }
                let from = project.content_dir.join(src);
                if from.is_file() {
                    let to = root.join(src);
                    if let Some(parent) = to.parent() {
                        std::fs::create_dir_all(parent).map_err(|source| WebError::Write {
                            path: parent.to_path_buf(),
                            source,
                        })?;
                    }
                    std::fs::copy(&from, &to)
                        .map_err(|source| WebError::Write { path: to, source })?;
                }
            }
        }
    }
    Ok(())
}
