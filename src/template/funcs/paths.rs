//! Sprig's path functions (Go `path` and, on Linux, `path/filepath`, which
//! behave the same for `/`-separated paths) and `urlParse`/`urlJoin` with
//! Go `net/url` parsing and formatting.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::super::value::V;
use super::strings::go_quote;
use super::{FuncDef, Ty, def};

pub static FUNCS: &[FuncDef] = &[
    def("base", &[Ty::Str], None, base),
    def("dir", &[Ty::Str], None, dir),
    def("clean", &[Ty::Str], None, clean),
    def("ext", &[Ty::Str], None, ext),
    def("isAbs", &[Ty::Str], None, is_abs),
    def("osBase", &[Ty::Str], None, base),
    def("osClean", &[Ty::Str], None, clean),
    def("osDir", &[Ty::Str], None, dir),
    def("osExt", &[Ty::Str], None, ext),
    def("osIsAbs", &[Ty::Str], None, is_abs),
    def("urlParse", &[Ty::Str], None, url_parse),
    def("urlJoin", &[Ty::Map], None, url_join),
];

fn arg_str(args: &[V], i: usize) -> Result<&str, String> {
    match args.get(i) {
        Some(V::Str(s)) => Ok(s),
        other => Err(format!(
            "internal error: argument {i} is not a string: {other:?}"
        )),
    }
}

// ---------------------------------------------------------------------------
// Go's path package.

/// Go's `path.Clean`.
pub fn go_clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let p = path.as_bytes();
    let n = p.len();
    let rooted = p[0] == b'/';
    let mut out: Vec<u8> = Vec::with_capacity(n);
    let (mut r, mut dotdot) = (0usize, 0usize);
    if rooted {
        out.push(b'/');
        r = 1;
        dotdot = 1;
    }
    while r < n {
        if p[r] == b'/' || p[r] == b'.' && (r + 1 == n || p[r + 1] == b'/') {
            r += 1;
        } else if p[r] == b'.' && p.get(r + 1) == Some(&b'.') && (r + 2 == n || p[r + 2] == b'/') {
            r += 2;
            if out.len() > dotdot {
                // Backtrack to the previous separator (not past `dotdot`).
                let mut w = out.len() - 1;
                while w > dotdot && out[w] != b'/' {
                    w -= 1;
                }
                out.truncate(w);
            } else if !rooted {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(b"..");
                dotdot = out.len();
            }
        } else {
            if rooted && out.len() != 1 || !rooted && !out.is_empty() {
                out.push(b'/');
            }
            while r < n && p[r] != b'/' {
                out.push(p[r]);
                r += 1;
            }
        }
    }
    if out.is_empty() {
        return ".".into();
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Go's `path.Base`.
pub fn go_base(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    match trimmed.rfind('/') {
        Some(i) => trimmed[i + 1..].to_string(),
        None => trimmed.to_string(),
    }
}

/// Go's `path.Dir`.
pub fn go_dir(path: &str) -> String {
    let d = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    };
    go_clean(d)
}

/// Go's `path.Ext`.
pub fn go_ext(path: &str) -> String {
    for (i, b) in path.bytes().enumerate().rev() {
        if b == b'/' {
            break;
        }
        if b == b'.' {
            return path[i..].to_string();
        }
    }
    String::new()
}

fn base(a: &[V]) -> Result<V, String> {
    Ok(V::str(go_base(arg_str(a, 0)?)))
}

fn dir(a: &[V]) -> Result<V, String> {
    Ok(V::str(go_dir(arg_str(a, 0)?)))
}

fn clean(a: &[V]) -> Result<V, String> {
    Ok(V::str(go_clean(arg_str(a, 0)?)))
}

fn ext(a: &[V]) -> Result<V, String> {
    Ok(V::str(go_ext(arg_str(a, 0)?)))
}

fn is_abs(a: &[V]) -> Result<V, String> {
    Ok(V::Bool(arg_str(a, 0)?.starts_with('/')))
}

// ---------------------------------------------------------------------------
// Go's net/url.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Enc {
    Path,
    Host,
    Zone,
    UserPassword,
    QueryComponent,
    Fragment,
}

/// Go's `shouldEscape`.
fn should_escape(c: u8, mode: Enc) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if matches!(mode, Enc::Host | Enc::Zone)
        && matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        )
    {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => match mode {
            Enc::Path => return c == b'?',
            Enc::UserPassword => return matches!(c, b'@' | b'/' | b'?' | b':'),
            Enc::QueryComponent => return true,
            Enc::Fragment => return false,
            _ => {}
        },
        _ => {}
    }
    if mode == Enc::Fragment && matches!(c, b'!' | b'(' | b')' | b'*') {
        return false;
    }
    true
}

fn unhex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

/// Go's `unescape`.
fn unescape(s: &str, mode: Enc) -> Result<String, String> {
    let b = s.as_bytes();
    let mut n = 0;
    let mut has_plus = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                n += 1;
                if i + 2 >= b.len()
                    || !b[i + 1].is_ascii_hexdigit()
                    || !b[i + 2].is_ascii_hexdigit()
                {
                    let rest = &b[i..];
                    let rest = &rest[..rest.len().min(3)];
                    return Err(format!(
                        "invalid URL escape {}",
                        go_quote(&String::from_utf8_lossy(rest))
                    ));
                }
                let esc = &s[i..i + 3];
                if mode == Enc::Host && unhex(b[i + 1]) < 8 && esc != "%25" {
                    return Err(format!("invalid URL escape {}", go_quote(esc)));
                }
                if mode == Enc::Zone {
                    let v = (unhex(b[i + 1]) << 4) | unhex(b[i + 2]);
                    if esc != "%25" && v != b' ' && should_escape(v, Enc::Host) {
                        return Err(format!("invalid URL escape {}", go_quote(esc)));
                    }
                }
                i += 3;
            }
            b'+' => {
                has_plus = mode == Enc::QueryComponent;
                i += 1;
            }
            c => {
                if matches!(mode, Enc::Host | Enc::Zone) && c < 0x80 && should_escape(c, mode) {
                    return Err(format!(
                        "invalid character {} in host name",
                        go_quote(&s[i..i + 1])
                    ));
                }
                i += 1;
            }
        }
    }
    if n == 0 && !has_plus {
        return Ok(s.to_string());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                out.push((unhex(b[i + 1]) << 4) | unhex(b[i + 2]));
                i += 2;
            }
            b'+' => out.push(if mode == Enc::QueryComponent {
                b' '
            } else {
                b'+'
            }),
            c => out.push(c),
        }
        i += 1;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Go's `escape`.
fn escape(s: &str, mode: Enc) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    if !s.bytes().any(|c| should_escape(c, mode)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.bytes() {
        if c == b' ' && mode == Enc::QueryComponent {
            out.push('+');
        } else if should_escape(c, mode) {
            out.push('%');
            out.push(HEX[usize::from(c >> 4)] as char);
            out.push(HEX[usize::from(c & 15)] as char);
        } else {
            out.push(c as char);
        }
    }
    out
}

#[derive(Default, Debug)]
struct GoUrl {
    scheme: String,
    opaque: String,
    /// Username and optional password (decoded).
    user: Option<(String, Option<String>)>,
    host: String,
    path: String,
    raw_path: String,
    omit_host: bool,
    force_query: bool,
    raw_query: String,
    fragment: String,
    raw_fragment: String,
}

fn user_string(user: &(String, Option<String>)) -> String {
    let mut s = escape(&user.0, Enc::UserPassword);
    if let Some(p) = &user.1 {
        s.push(':');
        s.push_str(&escape(p, Enc::UserPassword));
    }
    s
}

/// Go's `getScheme`.
fn get_scheme(raw: &str) -> Result<(&str, &str), String> {
    for (i, c) in raw.bytes().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                if i == 0 {
                    return Ok(("", raw));
                }
            }
            b':' => {
                if i == 0 {
                    return Err("missing protocol scheme".into());
                }
                return Ok((&raw[..i], &raw[i + 1..]));
            }
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

fn valid_optional_port(port: &str) -> bool {
    if port.is_empty() {
        return true;
    }
    match port.strip_prefix(':') {
        Some(digits) => digits.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

fn valid_userinfo(s: &str) -> bool {
    s.chars().all(|r| {
        r.is_ascii_alphanumeric()
            || matches!(
                r,
                '-' | '.'
                    | '_'
                    | ':'
                    | '~'
                    | '!'
                    | '$'
                    | '&'
                    | '\''
                    | '('
                    | ')'
                    | '*'
                    | '+'
                    | ','
                    | ';'
                    | '='
                    | '%'
                    | '@'
            )
    })
}

/// Go's `netip.ParseAddr` as `parseHost` uses it: `Ok(true)` for IPv4.
fn parse_ip_literal(s: &str) -> Result<bool, String> {
    if s.parse::<Ipv4Addr>().is_ok() {
        return Ok(true);
    }
    let addr = match s.split_once('%') {
        Some((a, zone)) if !zone.is_empty() => a,
        Some(_) => "",
        None => s,
    };
    if addr.parse::<Ipv6Addr>().is_ok() {
        return Ok(false);
    }
    Err(format!(
        "invalid host: ParseAddr({}): unable to parse IP",
        go_quote(s)
    ))
}

/// Go's `parseHost`.
fn parse_host(scheme: &str, host: &str) -> Result<String, String> {
    if let Some(open) = host.rfind('[') {
        if open > 0 {
            return Err("invalid IP-literal".into());
        }
        let Some(close) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        let colon_port = &host[close + 1..];
        if !valid_optional_port(colon_port) {
            return Err(format!("invalid port {} after host", go_quote(colon_port)));
        }
        let colon_port = unescape(colon_port, Enc::Host)?;
        let hostname = host.get(1..close).unwrap_or("");
        let unescaped = match hostname.find("%25") {
            Some(z) => unescape(&hostname[..z], Enc::Host)? + &unescape(&hostname[z..], Enc::Zone)?,
            None => unescape(hostname, Enc::Host)?,
        };
        if parse_ip_literal(&unescaped)? {
            return Err("invalid IP-literal".into());
        }
        return Ok(format!("[{unescaped}]{colon_port}"));
    }
    if let Some(first) = host.find(':') {
        let last = host.rfind(':').unwrap_or(first);
        let i = if last != first && scheme != "http" && scheme != "https" {
            last
        } else {
            first
        };
        let colon_port = &host[i..];
        if !valid_optional_port(colon_port) {
            return Err(format!("invalid port {} after host", go_quote(colon_port)));
        }
    }
    unescape(host, Enc::Host)
}

type UserInfo = Option<(String, Option<String>)>;

/// Go's `parseAuthority`.
fn parse_authority(scheme: &str, authority: &str) -> Result<(UserInfo, String), String> {
    let at = authority.rfind('@');
    let host = match at {
        Some(i) => parse_host(scheme, &authority[i + 1..])?,
        None => parse_host(scheme, authority)?,
    };
    let Some(i) = at else {
        return Ok((None, host));
    };
    let userinfo = &authority[..i];
    if !valid_userinfo(userinfo) {
        return Err("net/url: invalid userinfo".into());
    }
    let user = match userinfo.split_once(':') {
        None => (unescape(userinfo, Enc::UserPassword)?, None),
        Some((u, p)) => (
            unescape(u, Enc::UserPassword)?,
            Some(unescape(p, Enc::UserPassword)?),
        ),
    };
    Ok((Some(user), host))
}

/// Go's `url.parse` (not via a request).
fn parse_no_frag(raw: &str) -> Result<GoUrl, String> {
    if raw.bytes().any(|b| b < b' ' || b == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let mut u = GoUrl::default();
    if raw == "*" {
        u.path = "*".into();
        return Ok(u);
    }
    let (scheme, rest) = get_scheme(raw)?;
    u.scheme = scheme.to_ascii_lowercase();
    let mut rest = rest;
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        u.force_query = true;
        rest = &rest[..rest.len() - 1];
    } else if let Some((r, q)) = rest.split_once('?') {
        rest = r;
        u.raw_query = q.to_string();
    }
    if !rest.starts_with('/') {
        if !u.scheme.is_empty() {
            u.opaque = rest.to_string();
            return Ok(u);
        }
        let segment = rest.split('/').next().unwrap_or("");
        if segment.contains(':') {
            return Err("first path segment in URL cannot contain colon".into());
        }
    }
    if (!u.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let mut authority = &rest[2..];
        rest = "";
        if let Some(i) = authority.find('/') {
            rest = &authority[i..];
            authority = &authority[..i];
        }
        let (user, host) = parse_authority(&u.scheme, authority)?;
        u.user = user;
        u.host = host;
    } else if !u.scheme.is_empty() && rest.starts_with('/') {
        u.omit_host = true;
    }
    let path = unescape(rest, Enc::Path)?;
    u.raw_path = if escape(&path, Enc::Path) == rest {
        String::new()
    } else {
        rest.to_string()
    };
    u.path = path;
    Ok(u)
}

/// Go's `url.Parse`; the error is `*url.Error`'s text.
fn go_url_parse(raw: &str) -> Result<GoUrl, String> {
    let (u, frag) = raw.split_once('#').unwrap_or((raw, ""));
    let mut url = parse_no_frag(u).map_err(|e| format!("parse {}: {e}", go_quote(u)))?;
    if frag.is_empty() {
        return Ok(url);
    }
    let f = unescape(frag, Enc::Fragment).map_err(|e| format!("parse {}: {e}", go_quote(raw)))?;
    url.raw_fragment = if escape(&f, Enc::Fragment) == frag {
        String::new()
    } else {
        frag.to_string()
    };
    url.fragment = f;
    Ok(url)
}

/// Go's `validEncoded`.
fn valid_encoded(s: &str, mode: Enc) -> bool {
    s.bytes().all(|c| {
        matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'['
                | b']'
                | b'%'
        ) || !should_escape(c, mode)
    })
}

impl GoUrl {
    fn escaped_path(&self) -> String {
        if !self.raw_path.is_empty()
            && valid_encoded(&self.raw_path, Enc::Path)
            && unescape(&self.raw_path, Enc::Path).is_ok_and(|p| p == self.path)
        {
            return self.raw_path.clone();
        }
        if self.path == "*" {
            return "*".into();
        }
        escape(&self.path, Enc::Path)
    }

    fn escaped_fragment(&self) -> String {
        if !self.raw_fragment.is_empty()
            && valid_encoded(&self.raw_fragment, Enc::Fragment)
            && unescape(&self.raw_fragment, Enc::Fragment).is_ok_and(|f| f == self.fragment)
        {
            return self.raw_fragment.clone();
        }
        escape(&self.fragment, Enc::Fragment)
    }

    /// Go's `URL.String`.
    fn to_go_string(&self) -> String {
        let mut buf = String::new();
        if !self.scheme.is_empty() {
            buf.push_str(&self.scheme);
            buf.push(':');
        }
        if !self.opaque.is_empty() {
            buf.push_str(&self.opaque);
        } else {
            let authority = !self.host.is_empty() || self.user.is_some();
            if authority || !self.scheme.is_empty() && !self.omit_host {
                if !self.host.is_empty() || !self.path.is_empty() || self.user.is_some() {
                    buf.push_str("//");
                }
                if let Some(user) = &self.user {
                    buf.push_str(&user_string(user));
                    buf.push('@');
                }
                if !self.host.is_empty() {
                    buf.push_str(&escape(&self.host, Enc::Host));
                }
            }
            let path = self.escaped_path();
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                buf.push('/');
            }
            if buf.is_empty() {
                let segment = path.split('/').next().unwrap_or("");
                if segment.contains(':') {
                    buf.push_str("./");
                }
            }
            buf.push_str(&path);
        }
        if self.force_query || !self.raw_query.is_empty() {
            buf.push('?');
            buf.push_str(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            buf.push('#');
            buf.push_str(&self.escaped_fragment());
        }
        buf
    }

    /// Go's `URL.Hostname`.
    fn hostname(&self) -> &str {
        let mut host = self.host.as_str();
        if let Some(colon) = host.rfind(':')
            && valid_optional_port(&host[colon..])
        {
            host = &host[..colon];
        }
        if host.starts_with('[') && host.ends_with(']') && host.len() >= 2 {
            host = &host[1..host.len() - 1];
        }
        host
    }
}

fn url_parse(a: &[V]) -> Result<V, String> {
    let u = go_url_parse(arg_str(a, 0)?).map_err(|e| format!("unable to parse url: {e}"))?;
    let mut m = BTreeMap::new();
    m.insert("scheme".to_string(), V::str(&u.scheme));
    m.insert("host".to_string(), V::str(&u.host));
    m.insert("hostname".to_string(), V::str(u.hostname()));
    m.insert("path".to_string(), V::str(&u.path));
    m.insert("query".to_string(), V::str(&u.raw_query));
    m.insert("opaque".to_string(), V::str(&u.opaque));
    m.insert("fragment".to_string(), V::str(&u.fragment));
    let userinfo = u.user.as_ref().map(user_string).unwrap_or_default();
    m.insert("userinfo".to_string(), V::str(userinfo));
    Ok(V::map(m))
}

/// Sprig's `dictGetOrEmpty`: a string value, "" when missing.
fn dict_get(d: &BTreeMap<String, V>, key: &str) -> Result<String, String> {
    match d.get(key) {
        None => Ok(String::new()),
        Some(V::Str(s)) => Ok(s.to_string()),
        Some(V::Nil) => {
            Err("runtime error: invalid memory address or nil pointer dereference".into())
        }
        Some(other) => Err(format!(
            "unable to parse {key} key, must be of type string, but {} found",
            other.kind_name()
        )),
    }
}

fn url_join(a: &[V]) -> Result<V, String> {
    let Some(V::Map(m)) = a.first() else {
        return Err("internal error: urlJoin expects a map".into());
    };
    let d = m.entries.borrow();
    let mut u = GoUrl {
        scheme: dict_get(&d, "scheme")?,
        host: dict_get(&d, "host")?,
        path: dict_get(&d, "path")?,
        raw_query: dict_get(&d, "query")?,
        opaque: dict_get(&d, "opaque")?,
        fragment: dict_get(&d, "fragment")?,
        ..GoUrl::default()
    };
    let userinfo = dict_get(&d, "userinfo")?;
    if !userinfo.is_empty() {
        let temp = go_url_parse(&format!("proto://{userinfo}@host"))
            .map_err(|e| format!("unable to parse userinfo in dict: {e}"))?;
        u.user = temp.user;
    }
    Ok(V::str(u.to_go_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call_r(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"));
        (f.f)(args)
    }

    fn s(x: &str) -> V {
        V::str(x)
    }

    /// Sprig's `dict` for test arguments.
    fn dict(kv: &[V]) -> V {
        V::map(
            kv.chunks(2)
                .map(|p| {
                    (
                        p[0].as_str().unwrap_or("").to_string(),
                        p.get(1).cloned().unwrap_or_default(),
                    )
                })
                .collect(),
        )
    }

    thread_local! {
        static FAILS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    fn fail(msg: String) {
        FAILS.with(|f| f.borrow_mut().push(msg));
    }

    /// Reports every mismatch recorded by `c`, `t` and `e` at once.
    fn finish() {
        let fails = FAILS.with(|f| std::mem::take(&mut *f.borrow_mut()));
        assert!(
            fails.is_empty(),
            "{} mismatches:\n{}",
            fails.len(),
            fails.join("\n")
        );
    }

    /// A string result.
    fn c(name: &str, args: &[V], want: &str) {
        match call_r(name, args) {
            Ok(V::Str(got)) if &*got == want => {}
            other => fail(format!("{name} {args:?}: got {other:?}, want {want:?}")),
        }
    }

    /// A result of another type: Go type name and `%v` text.
    fn t(name: &str, args: &[V], ty: &str, shown: &str) {
        match call_r(name, args) {
            Ok(v) if v.type_name() == ty && v.go_string() == shown => {}
            other => fail(format!(
                "{name} {args:?}: got {other:?}, want {ty} {shown:?}"
            )),
        }
    }

    /// An error (Go's message after `error calling NAME: `).
    fn e(name: &str, args: &[V], msg: &str) {
        match call_r(name, args) {
            Err(m) if m == msg => {}
            other => fail(format!(
                "{name} {args:?}: got {other:?}, want error {msg:?}"
            )),
        }
    }

    #[test]
    fn oracle_paths_urls() {
        t(
            "urlParse",
            &[s(
                "http://user:pa%20ss@example.com:8080/a%2Fb/c d?x=1&y=2#fr%20ag",
            )],
            "map[string]interface {}",
            "map[fragment:fr ag host:example.com:8080 hostname:example.com opaque: path:/a/b/c d query:x=1&y=2 scheme:http userinfo:user:pa%20ss]",
        );
        t(
            "urlParse",
            &[s("https://example.com")],
            "map[string]interface {}",
            "map[fragment: host:example.com hostname:example.com opaque: path: query: scheme:https userinfo:]",
        );
        t(
            "urlParse",
            &[s("mailto:joe@example.com")],
            "map[string]interface {}",
            "map[fragment: host: hostname: opaque:joe@example.com path: query: scheme:mailto userinfo:]",
        );
        t(
            "urlParse",
            &[s("/relative/path?q")],
            "map[string]interface {}",
            "map[fragment: host: hostname: opaque: path:/relative/path query:q scheme: userinfo:]",
        );
        t(
            "urlParse",
            &[s("//host/p")],
            "map[string]interface {}",
            "map[fragment: host:host hostname:host opaque: path:/p query: scheme: userinfo:]",
        );
        t(
            "urlParse",
            &[s("http://[::1]:80/x")],
            "map[string]interface {}",
            "map[fragment: host:[::1]:80 hostname:::1 opaque: path:/x query: scheme:http userinfo:]",
        );
        e(
            "urlParse",
            &[s("http://[zz]/")],
            "unable to parse url: parse \"http://[zz]/\": invalid host: ParseAddr(\"zz\"): unable to parse IP",
        );
        e(
            "urlParse",
            &[s("http://[1.2.3.4]/")],
            "unable to parse url: parse \"http://[1.2.3.4]/\": invalid IP-literal",
        );
        t(
            "urlParse",
            &[s("http://[::1%25eth0]/")],
            "map[string]interface {}",
            "map[fragment: host:[::1%eth0] hostname:::1%eth0 opaque: path:/ query: scheme:http userinfo:]",
        );
        e(
            "urlParse",
            &[s("http://a:1:2/")],
            "unable to parse url: parse \"http://a:1:2/\": invalid port \":1:2\" after host",
        );
        t(
            "urlParse",
            &[s("foo://a:1:2/")],
            "map[string]interface {}",
            "map[fragment: host:a:1:2 hostname:a:1 opaque: path:/ query: scheme:foo userinfo:]",
        );
        e(
            "urlParse",
            &[s("http://a b/")],
            "unable to parse url: parse \"http://a b/\": invalid character \" \" in host name",
        );
        e(
            "urlParse",
            &[s("http://%zz/")],
            "unable to parse url: parse \"http://%zz/\": invalid URL escape \"%zz\"",
        );
        e(
            "urlParse",
            &[s(":foo")],
            "unable to parse url: parse \":foo\": missing protocol scheme",
        );
        t(
            "urlParse",
            &[s("a:b/c")],
            "map[string]interface {}",
            "map[fragment: host: hostname: opaque:b/c path: query: scheme:a userinfo:]",
        );
        e(
            "urlParse",
            &[s("1a:b")],
            "unable to parse url: parse \"1a:b\": first path segment in URL cannot contain colon",
        );
        e(
            "urlParse",
            &[s("http://h/%zz")],
            "unable to parse url: parse \"http://h/%zz\": invalid URL escape \"%zz\"",
        );
        e(
            "urlParse",
            &[s("http://h/#%zz")],
            "unable to parse url: parse \"http://h/#%zz\": invalid URL escape \"%zz\"",
        );
        t(
            "urlParse",
            &[s("http://h/?")],
            "map[string]interface {}",
            "map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:]",
        );
        t(
            "urlParse",
            &[s("http://u@h")],
            "map[string]interface {}",
            "map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:u]",
        );
        t(
            "urlParse",
            &[s("http://u:@h")],
            "map[string]interface {}",
            "map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:u:]",
        );
        e(
            "urlParse",
            &[s("http://h:port/")],
            "unable to parse url: parse \"http://h:port/\": invalid port \":port\" after host",
        );
        t(
            "urlParse",
            &[s("HTTP://H/P")],
            "map[string]interface {}",
            "map[fragment: host:H hostname:H opaque: path:/P query: scheme:http userinfo:]",
        );
        t(
            "urlParse",
            &[s("*")],
            "map[string]interface {}",
            "map[fragment: host: hostname: opaque: path:* query: scheme: userinfo:]",
        );
        t(
            "urlParse",
            &[s("")],
            "map[string]interface {}",
            "map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]",
        );
        t(
            "urlParse",
            &[s("http://h/a?b#c#d")],
            "map[string]interface {}",
            "map[fragment:c#d host:h hostname:h opaque: path:/a query:b scheme:http userinfo:]",
        );
        e(
            "urlParse",
            &[s("http://h\u{1}/")],
            "unable to parse url: parse \"http://h\\x01/\": net/url: invalid control character in URL",
        );
        e(
            "urlParse",
            &[s("http://us er@h/")],
            "unable to parse url: parse \"http://us er@h/\": net/url: invalid userinfo",
        );
        t(
            "urlParse",
            &[s("http://h/é")],
            "map[string]interface {}",
            "map[fragment: host:h hostname:h opaque: path:/é query: scheme:http userinfo:]",
        );
        t(
            "urlParse",
            &[s("http://é.com/")],
            "map[string]interface {}",
            "map[fragment: host:é.com hostname:é.com opaque: path:/ query: scheme:http userinfo:]",
        );
        t(
            "urlParse",
            &[s("a/b:c")],
            "map[string]interface {}",
            "map[fragment: host: hostname: opaque: path:a/b:c query: scheme: userinfo:]",
        );
        t(
            "urlParse",
            &[s("./a:b")],
            "map[string]interface {}",
            "map[fragment: host: hostname: opaque: path:./a:b query: scheme: userinfo:]",
        );
        e(
            "urlJoin",
            &[dict(&[
                s("scheme"),
                s("http"),
                s("host"),
                s("example.com"),
                s("path"),
                s("/a b"),
                s("query"),
                s("x=1"),
                s("fragment"),
                s("f g"),
                s("userinfo"),
                s("u:p w"),
            ])],
            "unable to parse userinfo in dict: parse \"proto://u:p w@host\": net/url: invalid userinfo",
        );
        c(
            "urlJoin",
            &[dict(&[
                s("scheme"),
                s("mailto"),
                s("opaque"),
                s("joe@x.com"),
            ])],
            "mailto:joe@x.com",
        );
        c("urlJoin", &[dict(&[s("path"), s("a:b")])], "./a:b");
        c(
            "urlJoin",
            &[dict(&[s("host"), s("h"), s("path"), s("p")])],
            "//h/p",
        );
        c("urlJoin", &[dict(&[])], "");
        c(
            "urlJoin",
            &[dict(&[s("scheme"), s("http"), s("path"), s("/x")])],
            "http:///x",
        );
        e(
            "urlJoin",
            &[dict(&[s("host"), V::Int(1)])],
            "unable to parse host key, must be of type string, but int found",
        );
        e(
            "urlJoin",
            &[dict(&[s("host"), V::Nil])],
            "runtime error: invalid memory address or nil pointer dereference",
        );
        c(
            "urlJoin",
            &[dict(&[s("userinfo"), s("u@x:y")])],
            "//u%40x:y@",
        );
        c("urlJoin", &[dict(&[s("userinfo"), s("u/x")])], "");
        c(
            "urlJoin",
            &[dict(&[s("host"), s("a b"), s("path"), s("*")])],
            "//a%20b/*",
        );
        c(
            "urlJoin",
            &[dict(&[
                s("scheme"),
                s("http"),
                s("host"),
                s("h"),
                s("path"),
                s("/a?b"),
                s("fragment"),
                s("x!y'z"),
            ])],
            "http://h/a%3Fb#x!y%27z",
        );
        c(
            "urlJoin",
            &[dict(&[s("host"), s("h"), s("userinfo"), s("user")])],
            "//user@h",
        );
        e(
            "urlJoin",
            &[dict(&[s("host"), V::list(vec![V::Int(1)])])],
            "unable to parse host key, must be of type string, but slice found",
        );
        c("base", &[s("/a/b/c.txt")], "c.txt");
        c("base", &[s("")], ".");
        c("base", &[s("/")], "/");
        c("base", &[s("///")], "/");
        c("base", &[s("a/b/")], "b");
        c("base", &[s("c")], "c");
        c("dir", &[s("/a/b/c.txt")], "/a/b");
        c("dir", &[s("")], ".");
        c("dir", &[s("a")], ".");
        c("dir", &[s("/a")], "/");
        c("dir", &[s("a/b/")], "a/b");
        c("dir", &[s("//a//b//")], "/a/b");
        c("dir", &[s("../x/../y")], "..");
        c("clean", &[s("a//b/./c/../d/")], "a/b/d");
        c("clean", &[s("")], ".");
        c("clean", &[s("/../a")], "/a");
        c("clean", &[s("../../a/..")], "../..");
        c("clean", &[s("/")], "/");
        c("clean", &[s("./")], ".");
        c("clean", &[s("a/../..")], "..");
        c("ext", &[s("a/b.c.txt")], ".txt");
        c("ext", &[s("a.b/c")], "");
        c("ext", &[s("noext")], "");
        c("ext", &[s(".bashrc")], ".bashrc");
        c("ext", &[s("a.")], ".");
        t("isAbs", &[s("/a")], "bool", "true");
        t("isAbs", &[s("a")], "bool", "false");
        t("isAbs", &[s("")], "bool", "false");
        c("osBase", &[s("/a/b/c.txt")], "c.txt");
        c("osBase", &[s("")], ".");
        c("osBase", &[s("a/b//")], "b");
        c("osDir", &[s("/a/b/c.txt")], "/a/b");
        c("osDir", &[s("")], ".");
        c("osDir", &[s("a/b/")], "a/b");
        c("osClean", &[s("a//b/../c/.")], "a/c");
        c("osClean", &[s("")], ".");
        c("osExt", &[s("x.tar.gz")], ".gz");
        c("osExt", &[s("x")], "");
        t("osIsAbs", &[s("/x")], "bool", "true");
        t("osIsAbs", &[s("x")], "bool", "false");
        finish();
    }
}
