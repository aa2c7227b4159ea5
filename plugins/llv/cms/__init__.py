"""The CMS at /admin/ (Decap CMS, docs/cms.md), published with the site.

When every page is written (Pelican's `finalized` signal, in the build's new
folder), writes:

    admin/index.html            theme/admin/index.html: loads the CMS (noindex)
    admin/config.yml            theme/admin/config.yml, generated from the
                                content model by `make schemas`
    admin/decap-cms.<hash>.js   the pinned release in vendor/decap-cms/
                                (CMS_SCRIPT), named by its content hash so
                                that it is cached for a year
    admin/admin.<hash>.js       theme/admin/admin.js: Decap's French completed,
                                the model's rules across fields before saving
    admin/admin.<hash>.css      theme/admin/admin.css

These pages are written outside Pelican's writer: they are in no sitemap,
feed or listing; robots.txt keeps crawlers out (llv.seo)
and tools/publishing/policy.py gives /admin/ its own Content-Security-Policy.
Without the CMS_SCRIPT setting nothing is written.
"""
