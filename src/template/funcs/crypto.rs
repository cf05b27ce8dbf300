//! Sprig's crypto and random functions: `uuidv4`, `rand*`, `shuffle`,
//! `genPrivateKey`, the certificate family (`genCA`, `genSelfSignedCert`,
//! `genSignedCert`, their `*WithKey` variants, `buildCustomCert`),
//! `derivePassword` (deterministic, Master Password algorithm), `bcrypt`,
//! `htpasswd`, `encryptAES`/`decryptAES`.
//!
//! Certificates are built as Go's `x509.CreateCertificate` builds them from
//! Sprig's template (same fields, extension order, criticality, string
//! types, serial size, SHA-256 subject key ids for CAs, authority key ids),
//! then signed with the RustCrypto implementations (RSA PKCS#1 v1.5 with
//! SHA-256, ECDSA P-256 with SHA-256, Ed25519). Keys are PEM-encoded the way
//! Sprig's `pemBlockForKey` does (PKCS#1, SEC 1, PKCS#8 for Ed25519, Sprig's
//! own ASN.1 layout for DSA).

use std::any::Any;
use std::rc::Rc;

use chrono::{Datelike, Utc};
use rand::Rng;
use rand::rngs::OsRng;
use rand::seq::SliceRandom;
use sha2::{Digest, Sha256};

use super::super::value::{Object, V, base64_std};
use super::{FuncDef, Ty, def};
use crate::values::Value;

pub static FUNCS: &[FuncDef] = &[
    def("uuidv4", &[], None, uuidv4),
    def("randAlphaNum", &[Ty::Int], None, rand_alpha_num),
    def("randAlpha", &[Ty::Int], None, rand_alpha),
    def("randNumeric", &[Ty::Int], None, rand_numeric),
    def("randAscii", &[Ty::Int], None, rand_ascii),
    def("randBytes", &[Ty::Int], None, rand_bytes),
    def("shuffle", &[Ty::Str], None, shuffle),
    def(
        "derivePassword",
        &[Ty::Int, Ty::Str, Ty::Str, Ty::Str, Ty::Str],
        None,
        derive_password,
    ),
    def("bcrypt", &[Ty::Str], None, bcrypt_fn),
    def("htpasswd", &[Ty::Str, Ty::Str], None, htpasswd),
    def("encryptAES", &[Ty::Str, Ty::Str], None, encrypt_aes),
    def("decryptAES", &[Ty::Str, Ty::Str], None, decrypt_aes),
    def("genPrivateKey", &[Ty::Str], None, gen_private_key),
    def(
        "buildCustomCert",
        &[Ty::Str, Ty::Str],
        None,
        build_custom_cert,
    ),
    def("genCA", &[Ty::Str, Ty::Int], None, gen_ca),
    def(
        "genCAWithKey",
        &[Ty::Str, Ty::Int, Ty::Str],
        None,
        gen_ca_with_key,
    ),
    def(
        "genSelfSignedCert",
        &[Ty::Str, Ty::Any, Ty::Any, Ty::Int],
        None,
        gen_self_signed_cert,
    ),
    def(
        "genSelfSignedCertWithKey",
        &[Ty::Str, Ty::Any, Ty::Any, Ty::Int, Ty::Str],
        None,
        gen_self_signed_cert_with_key,
    ),
    def(
        "genSignedCert",
        &[Ty::Str, Ty::Any, Ty::Any, Ty::Int, Ty::Any],
        None,
        gen_signed_cert,
    ),
    def(
        "genSignedCertWithKey",
        &[Ty::Str, Ty::Any, Ty::Any, Ty::Int, Ty::Any, Ty::Str],
        None,
        gen_signed_cert_with_key,
    ),
];

fn str_at(args: &[V], i: usize) -> &str {
    args.get(i).and_then(V::as_str).unwrap_or("")
}

fn int_at(args: &[V], i: usize) -> i64 {
    match args.get(i) {
        Some(V::Int(n) | V::Int64(n)) => *n,
        _ => 0,
    }
}

// ---------------------------------------------------------------------------
// Random values
// ---------------------------------------------------------------------------

fn uuidv4(_: &[V]) -> Result<V, String> {
    Ok(V::str(uuid::Uuid::new_v4().to_string()))
}

/// goutils' `CryptoRandom` over a character set (negative counts are an
/// error Sprig swallows: `""`).
fn random_from(count: i64, set: &[u8]) -> V {
    if count <= 0 {
        return V::str("");
    }
    let mut rng = OsRng;
    let s: String = (0..count)
        .map(|_| char::from(set[rng.gen_range(0..set.len())]))
        .collect();
    V::str(s)
}

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS: &[u8] = b"0123456789";

fn rand_alpha_num(args: &[V]) -> Result<V, String> {
    Ok(random_from(
        int_at(args, 0),
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    ))
}

fn rand_alpha(args: &[V]) -> Result<V, String> {
    Ok(random_from(int_at(args, 0), LETTERS))
}

fn rand_numeric(args: &[V]) -> Result<V, String> {
    Ok(random_from(int_at(args, 0), DIGITS))
}

fn rand_ascii(args: &[V]) -> Result<V, String> {
    let printable: Vec<u8> = (32u8..127).collect();
    Ok(random_from(int_at(args, 0), &printable))
}

fn rand_bytes(args: &[V]) -> Result<V, String> {
    let n = usize::try_from(int_at(args, 0))
        .map_err(|_| "runtime error: makeslice: len out of range".to_string())?;
    let mut buf = vec![0u8; n];
    OsRng.fill(&mut buf[..]);
    Ok(V::str(base64_std(&buf)))
}

fn shuffle(args: &[V]) -> Result<V, String> {
    let mut chars: Vec<char> = str_at(args, 0).chars().collect();
    chars.shuffle(&mut OsRng);
    Ok(V::str(chars.into_iter().collect::<String>()))
}

// ---------------------------------------------------------------------------
// derivePassword (Master Password algorithm)
// ---------------------------------------------------------------------------

fn password_templates(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "maximum" => &["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long" => &[
            "CvcvnoCvcvCvcv",
            "CvcvCvcvnoCvcv",
            "CvcvCvcvCvcvno",
            "CvccnoCvcvCvcv",
            "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv",
            "CvcvCvccnoCvcv",
            "CvcvCvccCvcvno",
            "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc",
            "CvcvCvcvCvccno",
            "CvccnoCvccCvcv",
            "CvccCvccnoCvcv",
            "CvccCvccCvcvno",
            "CvcvnoCvccCvcc",
            "CvcvCvccnoCvcc",
            "CvcvCvccCvccno",
            "CvccnoCvcvCvcc",
            "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        "medium" => &["CvcnoCvc", "CvcCvcno"],
        "short" => &["Cvcn"],
        "basic" => &["aaanaaan", "aannaaan", "aaannaaa"],
        "pin" => &["nnnn"],
        _ => return None,
    })
}

fn template_chars(c: u8) -> &'static [u8] {
    match c {
        b'V' => b"AEIOU",
        b'C' => b"BCDFGHJKLMNPQRSTVWXYZ",
        b'v' => b"aeiou",
        b'c' => b"bcdfghjklmnpqrstvwxyz",
        b'A' => b"AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        b'a' => b"AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        b'n' => b"0123456789",
        b'o' => b"@&%?,=[]_:-+*$#!'^~;()/.",
        b'x' => b"AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
        _ => b"",
    }
}

const MASTER_PASSWORD_SEED: &[u8] = b"com.lyndir.masterpassword";

fn derive_password(args: &[V]) -> Result<V, String> {
    use hmac::{Hmac, Mac};
    // Go's uint32 parameter: the executor hands us an int.
    let counter = int_at(args, 0) as u32;
    let kind = str_at(args, 1);
    let (password, user, site) = (str_at(args, 2), str_at(args, 3), str_at(args, 4));
    let Some(templates) = password_templates(kind) else {
        return Ok(V::str(format!("cannot find password template {kind}")));
    };
    let mut salt = MASTER_PASSWORD_SEED.to_vec();
    salt.extend_from_slice(&(user.len() as u32).to_be_bytes());
    salt.extend_from_slice(user.as_bytes());
    let mut key = [0u8; 64];
    let params = scrypt::Params::new(15, 8, 2, 64).map_err(|e| e.to_string())?;
    if let Err(e) = scrypt::scrypt(password.as_bytes(), &salt, &params, &mut key) {
        return Ok(V::str(format!("failed to derive password: {e}")));
    }
    let mut msg = MASTER_PASSWORD_SEED.to_vec();
    msg.extend_from_slice(&(site.len() as u32).to_be_bytes());
    msg.extend_from_slice(site.as_bytes());
    msg.extend_from_slice(&counter.to_be_bytes());
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|e| e.to_string())?;
    mac.update(&msg);
    let seed = mac.finalize().into_bytes();
    let template = templates[usize::from(seed[0]) % templates.len()].as_bytes();
    let out: String = template
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let set = template_chars(c);
            char::from(set[usize::from(seed[i + 1]) % set.len()])
        })
        .collect();
    Ok(V::str(out))
}

// ---------------------------------------------------------------------------
// bcrypt / htpasswd
// ---------------------------------------------------------------------------

/// Calls that are slow on purpose (RSA key generation, bcrypt): their cost
/// is the same order in any implementation, so benchmarks report the cases
/// without them separately (`CAPSTAN_TIMING`).
pub static COSTLY_CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn costly_call() {
    COSTLY_CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

fn bcrypt_hash(input: &str) -> String {
    costly_call();
    if input.len() > 72 {
        return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
            .into();
    }
    match bcrypt::hash_with_result(input, 10) {
        Ok(parts) => parts.format_for_version(bcrypt::Version::TwoA),
        Err(e) => format!("failed to encrypt string with bcrypt: {e}"),
    }
}

fn bcrypt_fn(args: &[V]) -> Result<V, String> {
    Ok(V::str(bcrypt_hash(str_at(args, 0))))
}

fn htpasswd(args: &[V]) -> Result<V, String> {
    let user = str_at(args, 0);
    if user.contains(':') {
        return Ok(V::str(format!("invalid username: {user}")));
    }
    Ok(V::str(format!("{user}:{}", bcrypt_hash(str_at(args, 1)))))
}

// ---------------------------------------------------------------------------
// AES (Sprig's CBC format: base64(IV || ciphertext), PKCS#7 padding)
// ---------------------------------------------------------------------------

fn aes_key(password: &str) -> [u8; 32] {
    let mut key = [0u8; 32];
    let p = password.as_bytes();
    let n = p.len().min(32);
    key[..n].copy_from_slice(&p[..n]);
    key
}

fn encrypt_aes(args: &[V]) -> Result<V, String> {
    use aes::cipher::{BlockEncryptMut, KeyIvInit, block_padding::NoPadding};
    let plaintext = str_at(args, 1);
    if plaintext.is_empty() {
        return Ok(V::str(""));
    }
    let key = aes_key(str_at(args, 0));
    let mut content = plaintext.as_bytes().to_vec();
    let padding = 16 - content.len() % 16;
    content.extend(std::iter::repeat_n(padding as u8, padding));
    let mut iv = [0u8; 16];
    OsRng.fill(&mut iv);
    let n = content.len();
    let enc = cbc::Encryptor::<aes::Aes256>::new(&key.into(), &iv.into());
    enc.encrypt_padded_mut::<NoPadding>(&mut content, n)
        .map_err(|e| e.to_string())?;
    let mut out = iv.to_vec();
    out.extend_from_slice(&content);
    Ok(V::str(base64_std(&out)))
}

fn decrypt_aes(args: &[V]) -> Result<V, String> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit, block_padding::NoPadding};
    let crypt64 = str_at(args, 1);
    if crypt64.is_empty() {
        return Ok(V::str(""));
    }
    let key = aes_key(str_at(args, 0));
    let crypt = go_base64_decode(crypt64)?;
    // Go's DecodeString buffer capacity.
    let capacity = crypt64.len() / 4 * 3;
    if crypt.len() < 16 {
        return Err(format!(
            "runtime error: slice bounds out of range [:16] with capacity {capacity}"
        ));
    }
    let (iv, body) = crypt.split_at(16);
    if body.len() % 16 != 0 {
        return Err("crypto/cipher: input not full blocks".into());
    }
    let mut buf = body.to_vec();
    let dec = cbc::Decryptor::<aes::Aes256>::new(&key.into(), iv.into());
    let plain = dec
        .decrypt_padded_mut::<NoPadding>(&mut buf)
        .map_err(|e| e.to_string())?;
    let Some(&last) = plain.last() else {
        return Err("runtime error: index out of range [-1]".into());
    };
    let end = plain.len() as i64 - i64::from(last);
    if end < 0 {
        return Err(format!("runtime error: slice bounds out of range [:{end}]"));
    }
    Ok(V::str(String::from_utf8_lossy(&plain[..end as usize])))
}

/// Go's `base64.StdEncoding.DecodeString`, with its error offsets
/// (`illegal base64 data at input byte N`); `\r` and `\n` are skipped.
pub fn go_base64_decode(s: &str) -> Result<Vec<u8>, String> {
    crate::values::base64::decode_std(s)
        .map_err(|at| format!("illegal base64 data at input byte {at}"))
}

// ---------------------------------------------------------------------------
// DER and PEM
// ---------------------------------------------------------------------------

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

fn der_seq(parts: &[&[u8]]) -> Vec<u8> {
    der(0x30, &parts.concat())
}

/// An INTEGER from unsigned big-endian bytes.
fn der_uint(be: &[u8]) -> Vec<u8> {
    let skip = be.iter().take_while(|&&b| b == 0).count();
    let mut body = be[skip..].to_vec();
    if body.first().is_none_or(|&b| b & 0x80 != 0) {
        body.insert(0, 0);
    }
    der(0x02, &body)
}

/// Reads one DER element at `pos`: (tag, content start, content end).
fn der_read(b: &[u8], pos: usize) -> Option<(u8, usize, usize)> {
    let tag = *b.get(pos)?;
    let first = *b.get(pos + 1)?;
    let (len, start) = if first < 0x80 {
        (usize::from(first), pos + 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for k in 0..n {
            len = (len << 8) | usize::from(*b.get(pos + 2 + k)?);
        }
        (len, pos + 2 + n)
    };
    let end = start.checked_add(len)?;
    (end <= b.len()).then_some((tag, start, end))
}

/// The elements of a constructed DER value's content.
fn der_children(b: &[u8], start: usize, end: usize) -> Option<Vec<(u8, usize, usize)>> {
    let mut out = Vec::new();
    let mut pos = start;
    while pos < end {
        let (t, s, e) = der_read(&b[..end], pos)?;
        out.push((t, s, e));
        pos = e;
    }
    Some(out)
}

/// Go's asn1 "tags don't match" error for a top-level structure whose
/// first element is not a SEQUENCE, other failures as a syntax error.
fn asn1_error(b: &[u8], name: &str) -> String {
    if let Some(&t) = b.first()
        && t != 0x30
    {
        let len = b.get(1).copied().unwrap_or(0);
        return format!(
            "asn1: structure error: tags don't match (16 vs {{class:{} tag:{} length:{} isCompound:{}}}) {{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}} {name} @2",
            t >> 6,
            t & 0x1f,
            if len < 0x80 { len } else { 0 },
            t & 0x20 != 0
        );
    }
    "asn1: syntax error: data truncated".into()
}

fn pem_encode(kind: &str, der: &[u8]) -> String {
    let b64 = base64_std(der);
    let mut out = format!("-----BEGIN {kind}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
        out.push('\n');
    }
    out.push_str(&format!("-----END {kind}-----\n"));
    out
}

/// Go's `pem.Decode` (first block; headers skipped).
fn pem_decode(data: &str) -> Option<(String, Vec<u8>)> {
    let mut rest = data;
    loop {
        let begin = rest.find("-----BEGIN ")?;
        if begin > 0 && !rest[..begin].ends_with('\n') {
            rest = &rest[begin + 11..];
            continue;
        }
        rest = &rest[begin + 11..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let type_line = rest[..line_end].trim_end_matches([' ', '\t', '\r']);
        let Some(kind) = type_line.strip_suffix("-----") else {
            continue;
        };
        let body_start = (line_end + 1).min(rest.len());
        let body = &rest[body_start..];
        let end_marker = format!("-----END {kind}-----");
        let Some(end) = body.find(&end_marker) else {
            continue;
        };
        if end > 0 && !body[..end].ends_with('\n') {
            continue;
        }
        let text: String = body[..end]
            .lines()
            .filter(|l| !l.contains(':'))
            .flat_map(|l| l.chars())
            .filter(|c| !matches!(c, ' ' | '\t' | '\r' | '\n'))
            .collect();
        match go_base64_decode(&text) {
            Ok(bytes) => return Some((kind.to_string(), bytes)),
            Err(_) => {
                rest = &body[end..];
                continue;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Private keys
// ---------------------------------------------------------------------------

/// A private key of one of the types Sprig handles.
enum PrivKey {
    Rsa(Box<rsa::RsaPrivateKey>),
    Ec(p256::SecretKey),
    Ed(ed25519_dalek::SigningKey),
    /// DSA parameters and key as big-endian integers (p, q, g, y, x).
    Dsa([Vec<u8>; 5]),
}

/// DER DigestInfo prefix of a SHA-256 hash (PKCS#1 v1.5 signatures).
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

impl PrivKey {
    /// Sprig's `pemBlockForKey`.
    fn pem(&self) -> Result<String, String> {
        Ok(match self {
            PrivKey::Rsa(k) => {
                use rsa::pkcs1::EncodeRsaPrivateKey;
                let d = k.to_pkcs1_der().map_err(|e| e.to_string())?;
                pem_encode("RSA PRIVATE KEY", d.as_bytes())
            }
            PrivKey::Ec(k) => pem_encode("EC PRIVATE KEY", &ec_private_key_der(k)),
            PrivKey::Ed(k) => {
                let mut d = ED25519_PKCS8_PREFIX.to_vec();
                d.extend_from_slice(&k.to_bytes());
                pem_encode("PRIVATE KEY", &d)
            }
            PrivKey::Dsa(parts) => {
                let mut body = der(0x02, &[0]);
                for p in parts {
                    body.extend(der_uint(p));
                }
                pem_encode("DSA PRIVATE KEY", &der(0x30, &body))
            }
        })
    }

    /// The DER `SubjectPublicKeyInfo` of the public key.
    fn spki(&self) -> Result<Vec<u8>, String> {
        Ok(match self {
            PrivKey::Rsa(k) => {
                use rsa::pkcs8::EncodePublicKey;
                k.to_public_key()
                    .to_public_key_der()
                    .map_err(|e| e.to_string())?
                    .as_bytes()
                    .to_vec()
            }
            PrivKey::Ec(k) => {
                use p256::pkcs8::EncodePublicKey;
                k.public_key()
                    .to_public_key_der()
                    .map_err(|e| e.to_string())?
                    .as_bytes()
                    .to_vec()
            }
            PrivKey::Ed(k) => {
                let mut bits = vec![0u8];
                bits.extend_from_slice(k.verifying_key().as_bytes());
                let alg = der_seq(&[&der(0x06, &OID_ED25519)]);
                der_seq(&[&alg, &der(0x03, &bits)])
            }
            PrivKey::Dsa(_) => {
                return Err("x509: unsupported public key type: *dsa.PublicKey".into());
            }
        })
    }

    /// Signature AlgorithmIdentifier and signature over `tbs`.
    fn sign(&self, tbs: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
        match self {
            PrivKey::Rsa(k) => {
                let hash = Sha256::digest(tbs);
                let sig = k
                    .sign(
                        rsa::Pkcs1v15Sign {
                            hash_len: Some(32),
                            prefix: Box::new(SHA256_DIGEST_INFO),
                        },
                        &hash,
                    )
                    .map_err(|e| e.to_string())?;
                let alg = der_seq(&[&der(0x06, &OID_SHA256_RSA), &[0x05, 0x00]]);
                Ok((alg, sig))
            }
            PrivKey::Ec(k) => {
                use p256::ecdsa::signature::Signer;
                let sk = p256::ecdsa::SigningKey::from(k);
                let sig: p256::ecdsa::Signature = sk.sign(tbs);
                let alg = der_seq(&[&der(0x06, &OID_ECDSA_SHA256)]);
                Ok((alg, sig.to_der().as_bytes().to_vec()))
            }
            PrivKey::Ed(k) => {
                use ed25519_dalek::Signer;
                let sig = k.sign(tbs);
                let alg = der_seq(&[&der(0x06, &OID_ED25519)]);
                Ok((alg, sig.to_bytes().to_vec()))
            }
            PrivKey::Dsa(_) => {
                Err("x509: certificate private key does not implement crypto.Signer".into())
            }
        }
    }

    fn generate_rsa(bits: usize) -> Result<PrivKey, String> {
        costly_call();
        // aws-lc generates primes an order of magnitude faster than the
        // pure-Rust `rsa` crate; the key is then handled by `rsa`.
        use aws_lc_rs::encoding::AsDer;
        use aws_lc_rs::rsa::{KeyPair, KeySize};
        use rsa::pkcs8::DecodePrivateKey;
        let size = match bits {
            2048 => Some(KeySize::Rsa2048),
            3072 => Some(KeySize::Rsa3072),
            4096 => Some(KeySize::Rsa4096),
            8192 => Some(KeySize::Rsa8192),
            _ => None,
        };
        if let Some(size) = size
            && let Some(der) = rsa_pool::generate(bits, move || {
                let kp = KeyPair::generate(size).ok()?;
                let der = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&kp).ok()?;
                Some(der.as_ref().to_vec())
            })
            && let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(&der)
        {
            return Ok(PrivKey::Rsa(Box::new(k)));
        }
        rsa::RsaPrivateKey::new(&mut OsRng, bits)
            .map(|k| PrivKey::Rsa(Box::new(k)))
            .map_err(|e| e.to_string())
    }
}

/// RSA key generation on every core at once. The search for primes takes a
/// random time, so the first of several independent searches finishes much
/// sooner on average. Searches go on in the background until a few keys of
/// the size are in reserve (a chart asking for one key usually asks for
/// more: `genCA` then `genSignedCert`, or a template included again for a
/// checksum), at the lowest scheduling priority so that rendering, which
/// waits for nothing else, keeps its core. Every key is still a fresh key
/// from the system's CSPRNG: which search finishes first says nothing about
/// the primes found, since every candidate is drawn independently. Keys in
/// reserve live only in this process's memory and end with it.
pub(crate) mod rsa_pool {
    use std::sync::{Condvar, Mutex};

    #[derive(Default)]
    struct Size {
        bits: usize,
        spare: Vec<Vec<u8>>,
        running: usize,
        failed: bool,
    }

    static SIZES: Mutex<Vec<Size>> = Mutex::new(Vec::new());
    static FOUND: Condvar = Condvar::new();

    fn size(sizes: &mut Vec<Size>, bits: usize) -> &mut Size {
        match sizes.iter().position(|s| s.bits == bits) {
            Some(i) => &mut sizes[i],
            None => {
                sizes.push(Size {
                    bits,
                    ..Size::default()
                });
                let last = sizes.len() - 1;
                &mut sizes[last]
            }
        }
    }

    /// A PKCS#8 key of `bits` from `gen_key`, searched for on every core.
    /// `None` when the search fails (the caller falls back to another
    /// generator).
    pub fn generate<F>(bits: usize, gen_key: F) -> Option<Vec<u8>>
    where
        F: Fn() -> Option<Vec<u8>> + Send + Sync + Clone + 'static,
    {
        // Searches at once, and keys kept in reserve, per key size.
        let n = crate::parallel::cores();
        if n <= 1 {
            return gen_key();
        }
        let Ok(mut sizes) = SIZES.lock() else {
            return gen_key();
        };
        loop {
            let s = size(&mut sizes, bits);
            if let Some(k) = s.spare.pop() {
                return Some(k);
            }
            if s.failed {
                return None;
            }
            while s.running < n {
                let g = gen_key.clone();
                let spawned = std::thread::Builder::new()
                    .name("keygen".into())
                    .spawn(move || search(bits, n, g));
                if spawned.is_err() {
                    break;
                }
                s.running += 1;
            }
            if s.running == 0 {
                drop(sizes);
                return gen_key();
            }
            sizes = match FOUND.wait(sizes) {
                Ok(g) => g,
                Err(_) => return gen_key(),
            };
        }
    }

    /// One search thread: finds keys until `reserve` of them wait unused.
    fn search<F>(bits: usize, reserve: usize, gen_key: F)
    where
        F: Fn() -> Option<Vec<u8>>,
    {
        lowest_priority();
        loop {
            let key = gen_key();
            let Ok(mut sizes) = SIZES.lock() else {
                return;
            };
            let s = size(&mut sizes, bits);
            let done = match key {
                Some(k) => {
                    s.spare.push(k);
                    s.spare.len() >= reserve
                }
                None => {
                    s.failed = true;
                    true
                }
            };
            if done {
                s.running -= 1;
            }
            FOUND.notify_all();
            if done {
                return;
            }
        }
    }

    /// Background searches yield to rendering (Linux nice values are per
    /// thread); while a template waits for a key they have every core.
    fn lowest_priority() {
        #[cfg(target_os = "linux")]
        // SAFETY: setpriority only reads its integer arguments; `0` names
        // the calling thread.
        unsafe {
            libc::setpriority(libc::PRIO_PROCESS, 0, 19);
        }
    }
}

/// Go's `x509.MarshalECPrivateKey` (SEC 1 with the curve OID and the
/// uncompressed public key).
fn ec_private_key_der(k: &p256::SecretKey) -> Vec<u8> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    const OID_P256: [u8; 8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let point = k.public_key().to_encoded_point(false);
    let mut bits = vec![0u8];
    bits.extend_from_slice(point.as_bytes());
    der_seq(&[
        &[0x02, 0x01, 0x01],
        &der(0x04, &k.to_bytes()),
        &der(0xa0, &der(0x06, &OID_P256)),
        &der(0xa1, &der(0x03, &bits)),
    ])
}

/// Sprig's `parsePrivateKeyPEM`.
fn parse_private_key_pem(text: &str) -> Result<PrivKey, String> {
    let Some((kind, bytes)) = pem_decode(text) else {
        return Err("no PEM data in input".into());
    };
    if kind == "PRIVATE KEY" {
        return parse_pkcs8(&bytes).map_err(|e| format!("decoding PEM as PKCS#8: {e}"));
    }
    let Some(algo) = kind.strip_suffix(" PRIVATE KEY") else {
        return Err(format!("no private key data in PEM block of type {kind}"));
    };
    match algo {
        "RSA" => {
            use rsa::pkcs1::DecodeRsaPrivateKey;
            rsa::RsaPrivateKey::from_pkcs1_der(&bytes)
                .map(|k| PrivKey::Rsa(Box::new(k)))
                .map_err(|_| {
                    format!(
                        "parsing RSA private key from PEM: {}",
                        asn1_error(&bytes, "pkcs1PrivateKey")
                    )
                })
        }
        "EC" => p256::SecretKey::from_sec1_der(&bytes)
            .map(PrivKey::Ec)
            .map_err(|_| {
                let why = if bytes.first() == Some(&0x30) {
                    "x509: unknown elliptic curve".to_string()
                } else {
                    format!(
                        "x509: failed to parse EC private key: {}",
                        asn1_error(&bytes, "ecPrivateKey")
                    )
                };
                format!("parsing EC private key from PEM: {why}")
            }),
        "DSA" => parse_dsa(&bytes).ok_or_else(|| {
            format!(
                "parsing DSA private key from PEM: {}",
                asn1_error(&bytes, "DSAKeyFormat")
            )
        }),
        _ => Err(format!("invalid private key type {kind}")),
    }
}

fn parse_pkcs8(bytes: &[u8]) -> Result<PrivKey, String> {
    if bytes.len() == 48 && bytes[..16] == ED25519_PKCS8_PREFIX {
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&bytes[16..]);
        return Ok(PrivKey::Ed(ed25519_dalek::SigningKey::from_bytes(&seed)));
    }
    {
        use rsa::pkcs8::DecodePrivateKey;
        if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(bytes) {
            return Ok(PrivKey::Rsa(Box::new(k)));
        }
    }
    {
        use p256::pkcs8::DecodePrivateKey;
        if let Ok(k) = p256::SecretKey::from_pkcs8_der(bytes) {
            return Ok(PrivKey::Ec(k));
        }
        if let Ok(k) = ed25519_dalek::SigningKey::from_pkcs8_der(bytes) {
            return Ok(PrivKey::Ed(k));
        }
    }
    if bytes.first() != Some(&0x30) {
        return Err(asn1_error(bytes, "pkcs8"));
    }
    {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        if rsa::RsaPrivateKey::from_pkcs1_der(bytes).is_ok() {
            return Err(
                "x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)"
                    .into(),
            );
        }
    }
    if p256::SecretKey::from_sec1_der(bytes).is_ok() {
        return Err(
            "x509: failed to parse private key (use ParseECPrivateKey instead for this key format)"
                .into(),
        );
    }
    Err("x509: failed to parse private key".into())
}

/// Sprig's DSA layout: SEQUENCE { version, p, q, g, y, x }.
fn parse_dsa(b: &[u8]) -> Option<PrivKey> {
    let (t, s, e) = der_read(b, 0)?;
    if t != 0x30 {
        return None;
    }
    let kids = der_children(b, s, e)?;
    if kids.len() != 6 || kids.iter().any(|k| k.0 != 0x02) {
        return None;
    }
    let ints: Vec<Vec<u8>> = kids[1..]
        .iter()
        .map(|&(_, s, e)| b[s..e].to_vec())
        .collect();
    let parts: [Vec<u8>; 5] = ints.try_into().ok()?;
    Some(PrivKey::Dsa(parts))
}

fn gen_dsa() -> PrivKey {
    let components = dsa::Components::generate(&mut OsRng, dsa::KeySize::DSA_2048_256);
    let key = dsa::SigningKey::generate(&mut OsRng, components);
    let vk = key.verifying_key();
    let c = vk.components();
    PrivKey::Dsa([
        c.p().to_bytes_be(),
        c.q().to_bytes_be(),
        c.g().to_bytes_be(),
        vk.y().to_bytes_be(),
        key.x().to_bytes_be(),
    ])
}

fn gen_private_key(args: &[V]) -> Result<V, String> {
    let key = match str_at(args, 0) {
        "" | "rsa" => match PrivKey::generate_rsa(4096) {
            Ok(k) => k,
            Err(e) => return Ok(V::str(format!("failed to generate private key: {e}"))),
        },
        "dsa" => gen_dsa(),
        "ecdsa" => PrivKey::Ec(p256::SecretKey::random(&mut OsRng)),
        "ed25519" => PrivKey::Ed(ed25519_dalek::SigningKey::generate(&mut OsRng)),
        other => return Ok(V::str(format!("Unknown type {other}"))),
    };
    Ok(V::str(key.pem()?))
}

// ---------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------

const OID_CN: [u8; 3] = [0x55, 0x04, 0x03];
const OID_SHA256_RSA: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
const OID_ECDSA_SHA256: [u8; 8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const OID_ED25519: [u8; 3] = [0x2b, 0x65, 0x70];
const OID_KEY_USAGE: [u8; 3] = [0x55, 0x1d, 0x0f];
const OID_EXT_KEY_USAGE: [u8; 3] = [0x55, 0x1d, 0x25];
const OID_BASIC_CONSTRAINTS: [u8; 3] = [0x55, 0x1d, 0x13];
const OID_SKI: [u8; 3] = [0x55, 0x1d, 0x0e];
const OID_AKI: [u8; 3] = [0x55, 0x1d, 0x23];
const OID_SAN: [u8; 3] = [0x55, 0x1d, 0x11];
const OID_SERVER_AUTH: [u8; 8] = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01];
const OID_CLIENT_AUTH: [u8; 8] = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02];

/// Sprig's `certificate` struct.
#[derive(Debug, Clone)]
pub struct CertObj {
    pub cert: String,
    pub key: String,
}

impl Object for CertObj {
    fn type_name(&self) -> String {
        "sprig.certificate".into()
    }
    fn field(&self, name: &str) -> Option<V> {
        match name {
            "Cert" => Some(V::str(&self.cert)),
            "Key" => Some(V::str(&self.key)),
            _ => None,
        }
    }
    fn go_string(&self) -> String {
        format!("{{{} {}}}", self.cert, self.key)
    }
    fn to_value(&self) -> Value {
        let mut m = crate::values::Map::new();
        m.insert("Cert".into(), Value::String(self.cert.clone()));
        m.insert("Key".into(), Value::String(self.key.clone()));
        Value::map(m)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn cert_value(c: CertObj) -> V {
    V::Object(Rc::new(c))
}

/// encoding/asn1's choice for an untyped string: PrintableString when
/// every byte is in its set (no `*`, no `&`), else UTF8String.
fn asn1_string(s: &str) -> Vec<u8> {
    let printable = s.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'\'' | b'(' | b')' | b'+' | b',' | b'-' | b'.' | b'/' | b' ' | b':' | b'=' | b'?'
            )
    });
    der(if printable { 0x13 } else { 0x0c }, s.as_bytes())
}

/// A Name with only a common name (empty name when `cn` is empty).
fn subject_name(cn: &str) -> Vec<u8> {
    if cn.is_empty() {
        return der_seq(&[]);
    }
    let atv = der_seq(&[&der(0x06, &OID_CN), &asn1_string(cn)]);
    der_seq(&[&der(0x31, &atv)])
}

fn asn1_time(t: chrono::DateTime<Utc>) -> Vec<u8> {
    if (1950..2050).contains(&t.year()) {
        der(0x17, t.format("%y%m%d%H%M%SZ").to_string().as_bytes())
    } else {
        der(0x18, t.format("%Y%m%d%H%M%SZ").to_string().as_bytes())
    }
}

fn extension(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    let oid = der(0x06, oid);
    let val = der(0x04, value);
    if critical {
        der_seq(&[&oid, &[0x01, 0x01, 0xff], &val])
    } else {
        der_seq(&[&oid, &val])
    }
}

/// The elements of a `[]interface{}` parameter (nil is an empty slice; Go
/// rejects any other type, `[]string` included, before the call).
fn slice_param(v: &V) -> Result<&[V], String> {
    match v {
        V::Nil => Ok(&[]),
        V::List(l) if l.elem == super::super::value::Elem::Any => Ok(&l.items),
        other => Err(format!(
            "wrong type for value; expected []interface {{}}; got {}",
            other.type_name()
        )),
    }
}

/// Sprig's `getNetIPs`: list elements must be strings Go's `net.ParseIP`
/// accepts; IPv4 (and IPv4-mapped IPv6) encode as 4 bytes.
fn net_ips(v: &V) -> Result<Vec<Vec<u8>>, String> {
    let items = slice_param(v)?;
    items
        .iter()
        .map(|it| {
            let V::Str(s) = it else {
                return Err(format!(
                    "error parsing ip: {} is not a string",
                    it.go_string()
                ));
            };
            match s.parse::<std::net::IpAddr>() {
                Ok(std::net::IpAddr::V4(a)) => Ok(a.octets().to_vec()),
                Ok(std::net::IpAddr::V6(a)) => Ok(match a.to_ipv4_mapped() {
                    Some(v4) => v4.octets().to_vec(),
                    None => a.octets().to_vec(),
                }),
                Err(_) => Err(format!("error parsing ip: {s}")),
            }
        })
        .collect()
}

fn dns_names(v: &V) -> Result<Vec<String>, String> {
    let items = slice_param(v)?;
    items
        .iter()
        .map(|it| match it {
            V::Str(s) => Ok(s.to_string()),
            other => Err(format!(
                "error processing alternate dns name: {} is not a string",
                other.go_string()
            )),
        })
        .collect()
}

/// Sprig's `getBaseCertTemplate`.
struct Template {
    cn: String,
    ips: Vec<Vec<u8>>,
    dns: Vec<String>,
    days: i64,
    is_ca: bool,
}

fn base_template(cn: &str, ips: &V, dns: &V, days: i64) -> Result<Template, String> {
    Ok(Template {
        cn: cn.to_string(),
        ips: net_ips(ips)?,
        dns: dns_names(dns)?,
        days,
        is_ca: false,
    })
}

/// The issuing side of `x509.CreateCertificate`.
struct Parent<'a> {
    /// Raw DER subject of the parent certificate.
    subject: Vec<u8>,
    subject_key_id: Option<Vec<u8>>,
    /// The parent's SubjectPublicKeyInfo (DER).
    spki: Vec<u8>,
    key: &'a PrivKey,
}

/// The subject public key bits inside a SubjectPublicKeyInfo.
fn spki_key_bits(spki: &[u8]) -> Option<&[u8]> {
    let (_, s, e) = der_read(spki, 0)?;
    let kids = der_children(spki, s, e)?;
    let &(tag, bs, be) = kids.get(1)?;
    (tag == 0x03 && be > bs).then(|| &spki[bs + 1..be])
}

/// Sprig's `getCertAndKey` with Go's `x509.CreateCertificate` layout.
fn create_certificate(
    t: &Template,
    signee: &PrivKey,
    parent: Option<&Parent>,
) -> Result<CertObj, String> {
    let wrap = |e: String| format!("error creating certificate: {e}");
    // A DSA signing key is rejected first, then an unsupported public key.
    let signer = parent.map_or(signee, |p| p.key);
    if matches!(signer, PrivKey::Dsa(_)) {
        return Err(wrap(
            "x509: certificate private key does not implement crypto.Signer".into(),
        ));
    }
    let spki = signee.spki().map_err(wrap)?;
    let subject = subject_name(&t.cn);
    let issuer = parent.map_or_else(|| subject.clone(), |p| p.subject.clone());
    let mut authority_key_id = None;
    if let Some(p) = parent
        && issuer != subject
    {
        authority_key_id = p.subject_key_id.clone();
    }
    let subject_key_id = if t.is_ca {
        let bits = spki_key_bits(&spki).unwrap_or(&[]);
        Some(Sha256::digest(bits)[..20].to_vec())
    } else {
        None
    };
    if let Some(p) = parent {
        let signer_spki = p.key.spki().map_err(wrap)?;
        if signer_spki != p.spki {
            return Err(wrap(
                "x509: provided PrivateKey doesn't match parent's PublicKey".into(),
            ));
        }
    }
    for d in &t.dns {
        if !d.is_ascii() {
            let quoted = d.replace('\\', "\\\\").replace('"', "\\\"");
            return Err(wrap(format!(
                "x509: \"{quoted}\" cannot be encoded as an IA5String"
            )));
        }
    }

    let mut serial = [0u8; 16];
    OsRng.fill(&mut serial);
    let now = Utc::now();
    let not_before = now.with_nanosecond_zero();
    let hours = t.days.saturating_mul(24);
    let not_after = not_before
        .checked_add_signed(chrono::TimeDelta::try_hours(hours).unwrap_or(chrono::TimeDelta::MAX))
        .unwrap_or(not_before);

    let mut exts = Vec::new();
    let key_usage: &[u8] = if t.is_ca {
        &[0x03, 0x02, 0x02, 0xa4]
    } else {
        &[0x03, 0x02, 0x05, 0xa0]
    };
    exts.push(extension(&OID_KEY_USAGE, true, key_usage));
    let eku = der_seq(&[&der(0x06, &OID_SERVER_AUTH), &der(0x06, &OID_CLIENT_AUTH)]);
    exts.push(extension(&OID_EXT_KEY_USAGE, false, &eku));
    let bc: &[u8] = if t.is_ca {
        &[0x30, 0x03, 0x01, 0x01, 0xff]
    } else {
        &[0x30, 0x00]
    };
    exts.push(extension(&OID_BASIC_CONSTRAINTS, true, bc));
    if let Some(ski) = &subject_key_id {
        exts.push(extension(&OID_SKI, false, &der(0x04, ski)));
    }
    if let Some(aki) = &authority_key_id {
        exts.push(extension(&OID_AKI, false, &der_seq(&[&der(0x80, aki)])));
    }
    if !t.dns.is_empty() || !t.ips.is_empty() {
        let mut names = Vec::new();
        for d in &t.dns {
            names.extend(der(0x82, d.as_bytes()));
        }
        for ip in &t.ips {
            names.extend(der(0x87, ip));
        }
        let empty_subject = t.cn.is_empty();
        exts.push(extension(&OID_SAN, empty_subject, &der(0x30, &names)));
    }

    // The signature algorithm is part of the signed data: sign a dummy to
    // learn its identifier first (all our algorithms have fixed ids).
    let (alg, _) = signer.sign(b"").map_err(wrap)?;
    let tbs = der_seq(&[
        &[0xa0, 0x03, 0x02, 0x01, 0x02],
        &der_uint(&serial),
        &alg,
        &issuer,
        &der_seq(&[&asn1_time(not_before), &asn1_time(not_after)]),
        &subject,
        &spki,
        &der(0xa3, &der(0x30, &exts.concat())),
    ]);
    let (alg, sig) = signer.sign(&tbs).map_err(wrap)?;
    let mut bits = vec![0u8];
    bits.extend_from_slice(&sig);
    let cert = der_seq(&[&tbs, &alg, &der(0x03, &bits)]);
    Ok(CertObj {
        cert: pem_encode("CERTIFICATE", &cert),
        key: signee.pem()?,
    })
}

trait TruncSecs {
    fn with_nanosecond_zero(self) -> Self;
}

impl TruncSecs for chrono::DateTime<Utc> {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// Raw subject, subject key id and SubjectPublicKeyInfo of a CA certificate.
type CaParts = (Vec<u8>, Option<Vec<u8>>, Vec<u8>);

/// A parsed CA certificate: what signing needs from it.
fn parse_ca(cert_pem: &str) -> Result<CaParts, String> {
    use x509_cert::der::{Decode, Encode};
    let Some((_, der_bytes)) = pem_decode(cert_pem) else {
        return Err("unable to decode certificate".into());
    };
    let cert = x509_cert::Certificate::from_der(&der_bytes).map_err(|_| {
        "error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate"
            .to_string()
    })?;
    let tbs = &cert.tbs_certificate;
    let subject = tbs.subject.to_der().map_err(|e| e.to_string())?;
    let spki = tbs
        .subject_public_key_info
        .to_der()
        .map_err(|e| e.to_string())?;
    let ski = tbs.extensions.as_ref().and_then(|exts| {
        exts.iter()
            .find(|e| e.extn_id.as_bytes() == OID_SKI)
            .and_then(|e| {
                let v = e.extn_value.as_bytes();
                let (tag, s, end) = der_read(v, 0)?;
                (tag == 0x04).then(|| v[s..end].to_vec())
            })
    });
    Ok((subject, ski, spki))
}

fn ca_arg(v: &V) -> Result<CertObj, String> {
    if let V::Object(o) = v
        && let Some(c) = o.as_any().downcast_ref::<CertObj>()
    {
        return Ok(c.clone());
    }
    Err(format!(
        "wrong type for value; expected sprig.certificate; got {}",
        v.type_name()
    ))
}

fn new_rsa_2048() -> Result<PrivKey, String> {
    PrivKey::generate_rsa(2048).map_err(|e| format!("error generating rsa key: {e}"))
}

fn key_arg(text: &str) -> Result<PrivKey, String> {
    parse_private_key_pem(text).map_err(|e| format!("parsing private key: {e}"))
}

fn ca_with(cn: &str, days: i64, key: &PrivKey) -> Result<V, String> {
    let mut t = base_template(cn, &V::Nil, &V::Nil, days)?;
    t.is_ca = true;
    create_certificate(&t, key, None).map(cert_value)
}

fn gen_ca(args: &[V]) -> Result<V, String> {
    let key = new_rsa_2048()?;
    ca_with(str_at(args, 0), int_at(args, 1), &key)
}

fn gen_ca_with_key(args: &[V]) -> Result<V, String> {
    let key = key_arg(str_at(args, 2))?;
    ca_with(str_at(args, 0), int_at(args, 1), &key)
}

fn self_signed_with(args: &[V], key: &PrivKey) -> Result<V, String> {
    let nil = V::Nil;
    let t = base_template(
        str_at(args, 0),
        args.get(1).unwrap_or(&nil),
        args.get(2).unwrap_or(&nil),
        int_at(args, 3),
    )?;
    create_certificate(&t, key, None).map(cert_value)
}

/// Go checks argument types before calling: do the same before spending
/// time on a key.
fn check_slices(args: &[V]) -> Result<(), String> {
    for i in [1, 2] {
        slice_param(args.get(i).unwrap_or(&V::Nil))?;
    }
    Ok(())
}

fn gen_self_signed_cert(args: &[V]) -> Result<V, String> {
    check_slices(args)?;
    let key = new_rsa_2048()?;
    self_signed_with(args, &key)
}

fn gen_self_signed_cert_with_key(args: &[V]) -> Result<V, String> {
    let key = key_arg(str_at(args, 4))?;
    self_signed_with(args, &key)
}

fn signed_with(args: &[V], key: &PrivKey) -> Result<V, String> {
    let nil = V::Nil;
    let ca = ca_arg(args.get(4).unwrap_or(&nil))?;
    let (subject, ski, spki) = parse_ca(&ca.cert)?;
    let ca_key =
        parse_private_key_pem(&ca.key).map_err(|e| format!("error parsing private key: {e}"))?;
    let t = base_template(
        str_at(args, 0),
        args.get(1).unwrap_or(&nil),
        args.get(2).unwrap_or(&nil),
        int_at(args, 3),
    )?;
    let parent = Parent {
        subject,
        subject_key_id: ski,
        spki,
        key: &ca_key,
    };
    create_certificate(&t, key, Some(&parent)).map(cert_value)
}

fn gen_signed_cert(args: &[V]) -> Result<V, String> {
    check_slices(args)?;
    ca_arg(args.get(4).unwrap_or(&V::Nil))?;
    let key = new_rsa_2048()?;
    signed_with(args, &key)
}

fn gen_signed_cert_with_key(args: &[V]) -> Result<V, String> {
    let key = key_arg(str_at(args, 5))?;
    signed_with(args, &key)
}

fn build_custom_cert(args: &[V]) -> Result<V, String> {
    use x509_cert::der::Decode;
    let cert = go_base64_decode(str_at(args, 0))
        .map_err(|_| "unable to decode base64 certificate".to_string())?;
    let key = go_base64_decode(str_at(args, 1))
        .map_err(|_| "unable to decode base64 private key".to_string())?;
    let cert_text = String::from_utf8_lossy(&cert).into_owned();
    let key_text = String::from_utf8_lossy(&key).into_owned();
    let Some((_, der_bytes)) = pem_decode(&cert_text) else {
        return Err("unable to decode certificate".into());
    };
    if x509_cert::Certificate::from_der(&der_bytes).is_err() {
        return Err(
            "error parsing certificate: decodedCert.Bytes: x509: malformed certificate".into(),
        );
    }
    parse_private_key_pem(&key_text).map_err(|e| format!("error parsing private key: {e}"))?;
    Ok(cert_value(CertObj {
        cert: cert_text,
        key: key_text,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[V]) -> Result<V, String> {
        let f = FUNCS.iter().find(|f| f.name == name).expect(name);
        (f.f)(args)
    }

    // The pool is shared by the process: each test uses its own key sizes.
    #[test]
    fn rsa_pool_hands_out_each_key_once() {
        use std::collections::HashSet;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let made = Arc::new(AtomicUsize::new(0));
        let m = made.clone();
        let gen_key = move || Some(m.fetch_add(1, Ordering::SeqCst).to_le_bytes().to_vec());
        let mut seen = HashSet::new();
        for _ in 0..6 {
            let k = rsa_pool::generate(1001, gen_key.clone()).expect("key");
            assert!(seen.insert(k), "a key was handed out twice");
        }
        // Requests from several threads at once get distinct keys too.
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let g = gen_key.clone();
                std::thread::spawn(move || rsa_pool::generate(1002, g).expect("key"))
            })
            .collect();
        for h in handles {
            assert!(seen.insert(h.join().expect("thread")));
        }
    }

    #[test]
    fn rsa_pool_reports_a_failed_search() {
        assert_eq!(rsa_pool::generate(1003, || None), None);
        assert_eq!(rsa_pool::generate(1003, || None), None);
    }

    fn s(name: &str, args: &[V]) -> String {
        match call(name, args) {
            Ok(v) => v.go_string(),
            Err(e) => format!("ERR {e}"),
        }
    }

    fn st(x: &str) -> V {
        V::str(x)
    }

    fn field(v: &V, name: &str) -> String {
        match v {
            V::Object(o) => o.field(name).unwrap().go_string(),
            _ => panic!("not an object"),
        }
    }

    /// Runs `openssl` on a PEM text, if it is installed.
    fn openssl(args: &[&str], input: &str) -> Option<String> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new("openssl")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(input.as_bytes()).ok()?;
        let out = child.wait_with_output().ok()?;
        Some(
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    }

    #[test]
    fn derive_password_matches_sprig() {
        let d = |c: i64, kind: &str, p: &str, u: &str, site: &str| {
            s(
                "derivePassword",
                &[V::Int(c), st(kind), st(p), st(u), st(site)],
            )
        };
        assert_eq!(
            d(1, "long", "password", "user", "example.com"),
            "ZedaFaxcZaso9*"
        );
        assert_eq!(
            d(1, "maximum", "password", "user", "example.com"),
            "pf4zS1LjCg&LjhsZ7T2~"
        );
        assert_eq!(d(2, "medium", "pässwörd", "üser", "site"), "Pac4[Moj");
        assert_eq!(d(0, "short", "", "", ""), "Roz7");
        assert_eq!(d(7, "basic", "a", "b", "c"), "tbf6qJq5");
        assert_eq!(d(3, "pin", "secret", "bob", "bank"), "3782");
        assert_eq!(
            d(1, "bogus", "a", "b", "c"),
            "cannot find password template bogus"
        );
        assert_eq!(d(4_294_967_295, "long", "a", "b", "c"), "TuzoFenuFaqi2~");
    }

    #[test]
    fn aes_round_trip_and_go_errors() {
        let enc = call("encryptAES", &[st("secretkey"), st("plaintext")]).unwrap();
        assert_eq!(enc.go_string().len(), 44);
        assert_eq!(s("decryptAES", &[st("secretkey"), enc]), "plaintext");
        let long_key = "0123456789abcdef0123456789abcdefXYZ";
        let enc = call("encryptAES", &[st(long_key), st("plaintext")]).unwrap();
        assert_eq!(
            s("decryptAES", &[st("0123456789abcdef0123456789abcdef"), enc]),
            "plaintext"
        );
        let enc16 = call("encryptAES", &[st("k"), st("0123456789abcdef")]).unwrap();
        assert_eq!(enc16.go_string().len(), 64, "a full padding block");
        assert_eq!(s("decryptAES", &[st("k"), enc16]), "0123456789abcdef");
        assert_eq!(s("encryptAES", &[st("secretkey"), st("")]), "");
        assert_eq!(s("decryptAES", &[st("secretkey"), st("")]), "");
        let d = |c: &str| s("decryptAES", &[st("k"), st(c)]);
        assert_eq!(
            s(
                "decryptAES",
                &[
                    st("secretkey"),
                    st("8/hcC1KzMlmFjqp8fmdE+g6HxIJc4G7qB/sN5UP3j3s=")
                ]
            ),
            "ERR runtime error: slice bounds out of range [:-120]"
        );
        assert_eq!(d("!!!"), "ERR illegal base64 data at input byte 0");
        assert_eq!(
            d("YWJj"),
            "ERR runtime error: slice bounds out of range [:16] with capacity 3"
        );
        assert_eq!(
            d("MDEyMzQ1Njc4OWFiY2RlZmdo"),
            "ERR crypto/cipher: input not full blocks"
        );
        assert_eq!(
            d("MDEyMzQ1Njc4OWFiY2RlZg=="),
            "ERR runtime error: index out of range [-1]"
        );
        assert_eq!(d("YWJ"), "ERR illegal base64 data at input byte 0");
        assert_eq!(d("YW=j"), "ERR illegal base64 data at input byte 2");
        assert_eq!(d("YWJj="), "ERR illegal base64 data at input byte 4");
        assert_eq!(d("Y"), "ERR illegal base64 data at input byte 0");
        assert_eq!(d("YWJjZA"), "ERR illegal base64 data at input byte 4");
        assert_eq!(d("YWJjZA="), "ERR illegal base64 data at input byte 7");
        assert_eq!(
            d("YWJj\nYWJj"),
            "ERR runtime error: slice bounds out of range [:16] with capacity 6"
        );
        assert_eq!(d("YWJjZA==YWJj"), "ERR illegal base64 data at input byte 8");
        assert_eq!(
            d("YWJjZB=="),
            "ERR runtime error: slice bounds out of range [:16] with capacity 6"
        );
        assert_eq!(go_base64_decode("aGk="), Ok(b"hi".to_vec()));
    }

    #[test]
    fn randoms_have_the_right_shape() {
        let u = s("uuidv4", &[]);
        assert_eq!(u.len(), 36);
        assert_eq!(u.as_bytes()[14], b'4');
        assert!(
            u.bytes()
                .all(|b| b == b'-' || b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        let r = s("randAlphaNum", &[V::Int(40)]);
        assert_eq!(r.len(), 40);
        assert!(r.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(
            s("randAlpha", &[V::Int(30)])
                .bytes()
                .all(|b| b.is_ascii_alphabetic())
        );
        assert!(
            s("randNumeric", &[V::Int(30)])
                .bytes()
                .all(|b| b.is_ascii_digit())
        );
        let a = s("randAscii", &[V::Int(50)]);
        assert_eq!(a.len(), 50);
        assert!(a.bytes().all(|b| (32..127).contains(&b)));
        assert_eq!(s("randAlpha", &[V::Int(0)]), "");
        assert_eq!(s("randNumeric", &[V::Int(-1)]), "");
        let b = s("randBytes", &[V::Int(10)]);
        assert_eq!(go_base64_decode(&b).unwrap().len(), 10);
        assert_eq!(s("randBytes", &[V::Int(0)]), "");
        assert_eq!(
            s("randBytes", &[V::Int(-1)]),
            "ERR runtime error: makeslice: len out of range"
        );
        assert_eq!(s("shuffle", &[st("")]), "");
        let sh = s("shuffle", &[st("héllo")]);
        assert_eq!(sh.len(), 6);
        let mut c: Vec<char> = sh.chars().collect();
        c.sort_unstable();
        assert_eq!(c, vec!['h', 'l', 'l', 'o', 'é']);
    }

    #[test]
    fn bcrypt_and_htpasswd() {
        let h = s("bcrypt", &[st("x")]);
        assert_eq!(h.len(), 60);
        assert!(h.starts_with("$2a$10$"));
        assert!(bcrypt::verify("x", &h).unwrap());
        assert_eq!(
            s("bcrypt", &[st(&"a".repeat(73))]),
            "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
        );
        assert!(s("htpasswd", &[st("user"), st("pw")]).starts_with("user:$2a$10$"));
        assert_eq!(
            s("htpasswd", &[st("us:er"), st("pw")]),
            "invalid username: us:er"
        );
    }

    #[test]
    fn private_keys() {
        assert_eq!(s("genPrivateKey", &[st("bogus")]), "Unknown type bogus");
        let ec = s("genPrivateKey", &[st("ecdsa")]);
        assert_eq!(ec.len(), 227);
        assert!(ec.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
        let ed = s("genPrivateKey", &[st("ed25519")]);
        assert!(ed.starts_with("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"));
        assert_eq!(ed.len(), 119);
        // Keys parse back and re-encode identically.
        for pem in [&ec, &ed] {
            assert_eq!(&parse_private_key_pem(pem).unwrap().pem().unwrap(), pem);
        }
        let e = |t: &str| match parse_private_key_pem(t) {
            Ok(_) => "ok".to_string(),
            Err(e) => e,
        };
        assert_eq!(e("garbage"), "no PEM data in input");
        assert_eq!(
            e("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"),
            "no private key data in PEM block of type FOO"
        );
        assert_eq!(
            e("-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n"),
            "invalid private key type FOO PRIVATE KEY"
        );
        let tail = "{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}";
        assert_eq!(
            e("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"),
            format!(
                "parsing RSA private key from PEM: asn1: structure error: tags don't match (16 vs {{class:0 tag:0 length:0 isCompound:false}}) {tail} pkcs1PrivateKey @2"
            )
        );
        assert_eq!(
            e("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
            format!(
                "decoding PEM as PKCS#8: asn1: structure error: tags don't match (16 vs {{class:0 tag:0 length:0 isCompound:false}}) {tail} pkcs8 @2"
            )
        );
        assert_eq!(
            s("genCAWithKey", &[st("x"), V::Int(1), st("garbage")]),
            "ERR parsing private key: no PEM data in input"
        );
    }

    #[test]
    fn dsa_keys_cannot_sign() {
        // A small hand-made DSA key in Sprig's layout (values do not matter).
        let parts = [vec![0x17], vec![0x0b], vec![0x02], vec![0x05], vec![0x03]];
        let pem = PrivKey::Dsa(parts).pem().unwrap();
        let (kind, der_bytes) = pem_decode(&pem).unwrap();
        assert_eq!(kind, "DSA PRIVATE KEY");
        assert_eq!(
            der_bytes,
            [
                0x30, 0x12, 2, 1, 0, 2, 1, 0x17, 2, 1, 0x0b, 2, 1, 2, 2, 1, 5, 2, 1, 3
            ]
        );
        let key = parse_private_key_pem(&pem).unwrap();
        assert_eq!(key.pem().unwrap(), pem);
        assert_eq!(
            s("genCAWithKey", &[st("x"), V::Int(1), st(&pem)]),
            "ERR error creating certificate: x509: certificate private key does not implement crypto.Signer"
        );
        let ca = call(
            "genCAWithKey",
            &[
                st("ca"),
                V::Int(1),
                s("genPrivateKey", &[st("ed25519")]).into_v(),
            ],
        )
        .unwrap();
        assert_eq!(
            s(
                "genSignedCertWithKey",
                &[st("x"), V::Nil, V::Nil, V::Int(1), ca, st(&pem)]
            ),
            "ERR error creating certificate: x509: unsupported public key type: *dsa.PublicKey"
        );
    }

    trait IntoV {
        fn into_v(self) -> V;
    }
    impl IntoV for String {
        fn into_v(self) -> V {
            V::str(self)
        }
    }

    #[test]
    fn certificates_with_given_keys() {
        let ec = s("genPrivateKey", &[st("ecdsa")]);
        let ed = s("genPrivateKey", &[st("ed25519")]);
        let ca = call("genCAWithKey", &[st("my-ca"), V::Int(365), st(&ed)]).unwrap();
        assert_eq!(ca.type_name(), "sprig.certificate");
        assert_eq!(ca.kind_name(), "struct");
        let ca_cert = field(&ca, "Cert");
        assert!(ca_cert.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(ca_cert.ends_with("-----END CERTIFICATE-----\n"));
        assert_eq!(field(&ca, "Key"), ed);
        assert!(
            ca.go_string()
                .starts_with("{-----BEGIN CERTIFICATE-----\nM")
        );
        let V::Object(o) = &ca else { panic!() };
        assert!(matches!(o.to_value(), Value::Map(_)));

        let ips = V::list(vec![st("10.0.0.1"), st("::1")]);
        let dns = V::list(vec![st("a.example"), st("b.example")]);
        let leaf = call(
            "genSignedCertWithKey",
            &[
                st("srv"),
                ips.clone(),
                dns.clone(),
                V::Int(30),
                ca.clone(),
                st(&ec),
            ],
        )
        .unwrap();
        let leaf_cert = field(&leaf, "Cert");
        let self_signed = call(
            "genSelfSignedCertWithKey",
            &[
                st(""),
                V::Nil,
                V::list(vec![st("x.y")]),
                V::Int(10),
                st(&ec),
            ],
        )
        .unwrap();

        // Structure checks with x509-cert.
        use x509_cert::der::Decode;
        let parse = |pem: &str| {
            let (_, d) = pem_decode(pem).unwrap();
            x509_cert::Certificate::from_der(&d).unwrap()
        };
        let c = parse(&ca_cert);
        assert_eq!(c.tbs_certificate.subject.to_string(), "CN=my-ca");
        assert_eq!(c.tbs_certificate.issuer.to_string(), "CN=my-ca");
        let l = parse(&leaf_cert);
        assert_eq!(l.tbs_certificate.subject.to_string(), "CN=srv");
        assert_eq!(l.tbs_certificate.issuer.to_string(), "CN=my-ca");
        let validity = &l.tbs_certificate.validity;
        let days = (validity.not_after.to_unix_duration() - validity.not_before.to_unix_duration())
            .as_secs()
            / 86_400;
        assert_eq!(days, 30);
        let ss = parse(&field(&self_signed, "Cert"));
        assert_eq!(ss.tbs_certificate.subject.to_string(), "");

        // Full check with openssl when available.
        if let Some(text) = openssl(&["x509", "-noout", "-text"], &leaf_cert) {
            assert!(
                text.contains("Issuer: CN = my-ca") || text.contains("Issuer: CN=my-ca"),
                "{text}"
            );
            assert!(
                text.contains(
                    "DNS:a.example, DNS:b.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1"
                ),
                "{text}"
            );
            assert!(text.contains("CA:FALSE"), "{text}");
            assert!(
                text.contains("Digital Signature, Key Encipherment"),
                "{text}"
            );
            assert!(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"));
            assert!(text.contains("X509v3 Authority Key Identifier"), "{text}");
            assert!(text.contains("Signature Algorithm: ED25519"), "{text}");
            assert!(text.contains("id-ecPublicKey"), "{text}");
            let ca_text = openssl(&["x509", "-noout", "-text"], &ca_cert).unwrap();
            assert!(ca_text.contains("CA:TRUE"), "{ca_text}");
            assert!(ca_text.contains("Certificate Sign"), "{ca_text}");
            assert!(
                ca_text.contains("X509v3 Subject Key Identifier"),
                "{ca_text}"
            );
            assert!(ca_text.contains("ED25519"), "{ca_text}");
            let dir = std::env::temp_dir().join(format!("capstan-crypto-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let ca_path = dir.join("ca.pem");
            std::fs::write(&ca_path, &ca_cert).unwrap();
            let verify = openssl(
                &["verify", "-CAfile", ca_path.to_str().unwrap()],
                &leaf_cert,
            )
            .unwrap();
            assert!(verify.contains("OK"), "{verify}");
            let ss_text =
                openssl(&["x509", "-noout", "-text"], &field(&self_signed, "Cert")).unwrap();
            assert!(
                ss_text.contains("X509v3 Subject Alternative Name: critical"),
                "{ss_text}"
            );
            let _ = std::fs::remove_dir_all(&dir);
        }

        // buildCustomCert round trip.
        let b64 = |x: &str| st(&base64_std(x.as_bytes()));
        let built = call("buildCustomCert", &[b64(&ca_cert), b64(&ed)]).unwrap();
        assert_eq!(field(&built, "Cert"), ca_cert);
        assert_eq!(field(&built, "Key"), ed);
        // A CA whose key does not match its certificate.
        let other = call("genCAWithKey", &[st("ca2"), V::Int(1), st(&ec)]).unwrap();
        let mixed = call(
            "buildCustomCert",
            &[b64(&ca_cert), b64(&field(&other, "Key"))],
        )
        .unwrap();
        assert_eq!(
            s(
                "genSignedCertWithKey",
                &[st("x"), V::Nil, V::Nil, V::Int(1), mixed, st(&ec)]
            ),
            "ERR error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey"
        );
    }

    #[test]
    fn certificate_argument_errors() {
        let ec = s("genPrivateKey", &[st("ecdsa")]);
        let g = |ips: V, dns: V| {
            s(
                "genSelfSignedCertWithKey",
                &[st("x"), ips, dns, V::Int(1), st(&ec)],
            )
        };
        assert_eq!(
            g(V::list(vec![st("1.2.3.4"), V::Int(5)]), V::Nil),
            "ERR error parsing ip: 5 is not a string"
        );
        assert_eq!(
            g(V::list(vec![st("1.2.3")]), V::Nil),
            "ERR error parsing ip: 1.2.3"
        );
        assert_eq!(
            g(V::Nil, V::list(vec![V::Int(5)])),
            "ERR error processing alternate dns name: 5 is not a string"
        );
        assert_eq!(
            g(V::Nil, V::list(vec![st("é.example")])),
            "ERR error creating certificate: x509: \"é.example\" cannot be encoded as an IA5String"
        );
        let b64 = |x: &str| st(&base64_std(x.as_bytes()));
        assert_eq!(
            s("buildCustomCert", &[st("!!"), st("x")]),
            "ERR unable to decode base64 certificate"
        );
        assert_eq!(
            s("buildCustomCert", &[st("eA=="), st("!!")]),
            "ERR unable to decode base64 private key"
        );
        assert_eq!(
            s("buildCustomCert", &[st("eA=="), st("eA==")]),
            "ERR unable to decode certificate"
        );
        assert_eq!(
            s(
                "buildCustomCert",
                &[
                    b64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                    st("eA==")
                ]
            ),
            "ERR error parsing certificate: decodedCert.Bytes: x509: malformed certificate"
        );
        assert_eq!(
            s(
                "genSignedCert",
                &[st("x"), V::Nil, V::Nil, V::Int(1), st("notacert")]
            ),
            "ERR wrong type for value; expected sprig.certificate; got string"
        );
    }

    #[test]
    fn generated_rsa_and_dsa_keys() {
        let rsa = s("genPrivateKey", &[st("rsa")]);
        assert!(rsa.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        assert!(rsa.ends_with("-----END RSA PRIVATE KEY-----\n"));
        let PrivKey::Rsa(k) = parse_private_key_pem(&rsa).unwrap() else {
            panic!("not rsa")
        };
        use rsa::traits::PublicKeyParts;
        assert_eq!(k.n().bits(), 4096);
        let dsa = s("genPrivateKey", &[st("dsa")]);
        // DER integers vary by a byte or two with their leading bits.
        assert!((1200..=1240).contains(&dsa.len()), "{}", dsa.len());
        assert!(dsa.starts_with("-----BEGIN DSA PRIVATE KEY-----\n"));
        assert!(matches!(parse_private_key_pem(&dsa), Ok(PrivKey::Dsa(_))));
    }

    #[test]
    fn rsa_certificates() {
        let ca = call("genCA", &[st("my-ca"), V::Int(365)]).unwrap();
        let key = field(&ca, "Key");
        assert!(key.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        let cert = call(
            "genSignedCert",
            &[
                st("srv"),
                V::Nil,
                V::list(vec![st("a.example")]),
                V::Int(30),
                ca,
            ],
        )
        .unwrap();
        let self_signed = call(
            "genSelfSignedCert",
            &[st("self"), V::Nil, V::Nil, V::Int(10)],
        )
        .unwrap();
        for c in [&cert, &self_signed] {
            assert!(field(c, "Cert").starts_with("-----BEGIN CERTIFICATE-----\n"));
            if let Some(text) = openssl(&["x509", "-noout", "-text"], &field(c, "Cert")) {
                assert!(text.contains("sha256WithRSAEncryption"), "{text}");
                assert!(text.contains("Public-Key: (2048 bit)"), "{text}");
            }
        }
    }
}
