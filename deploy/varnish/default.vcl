# Varnish in front of the Webassoc site (docs/caching.md). Varnish 6 or 7 (Debian's `varnish`).
#
# The application decides what may be shared, with Cache-Control (home/http_cache.py):
# `public, max-age=0, s-maxage=N` for pages that are the same for every anonymous visitor,
# `private, no-store` for everything else. This file applies the same rules from the proxy's side,
# so that a mistake on one side is not enough to leak a personal page:
# - requests with a session, messages or CSRF cookie, credentials, or to the admin and accounts, are
#   passed to the application, never answered from the store and never stored;
# - other cookies (analytics, consent banners of embedded tools) are dropped, tracking parameters
#   (utm_*, fbclid, gclid…) removed from the address, Accept-Language ignored (the language is in the
#   path), so that every anonymous visitor shares one copy;
# - a response that sets a cookie, is private or no-store, or says nothing about caching, is never
#   stored;
# - PURGE <path> (one address) and BAN (every page of the Host) are accepted from the `purgers` only:
#   wagtail.contrib.frontend_cache sends them on publish, unpublish, move, delete and other changes.
#
# The application's address below is `make serve`'s default (127.0.0.1:8000). `make varnish` runs
# Varnish with this file and the backend port of PORT; tests/proxy does the same on its own ports.

vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

# Who may purge: the application servers. Add their addresses when they run on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Banning is not allowed from this address"));
        }
        # Objects remember their Host (vcl_backend_response): the ban lurker can drop them at once.
        ban("obj.http.x-cache-host == " + req.http.host);
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents)/" || req.url ~ "^/(en/)?comptes/") {
        return (pass);
    }

    # Tracking parameters change nothing on a page: one copy for every campaign link.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    # Keep only the cookies the application reads; a request that still has one is personal.
    if (req.http.Cookie) {
        set req.http.Cookie = ";" + req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, "; +", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(sessionid|messages|csrftoken)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    if (req.http.Cookie) {
        return (pass);
    }

    # The language is in the path (/en/…); the header would only split the store in many copies.
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.x-cache-host = bereq.http.host;

    if (beresp.http.Set-Cookie) {
        # A session started, a message stored, a CSRF token given: this visitor's only.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (!beresp.http.Cache-Control || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A short grace: a page whose lifetime just ended is served while a fresh one is fetched.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-cache-host;
    # s-maxage is for this proxy: browsers get `max-age=0` and ask again (they are answered from here).
    return (deliver);
}
