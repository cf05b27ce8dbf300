//! Go's standard base64 decoding, which Helm's data passes through in three
//! places: YAML `!!binary` scalars (go-yaml), the `b64dec` template function
//! and release records (`sh.helm.release.v1` Secrets and ConfigMaps).

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Go's `base64.StdEncoding.DecodeString` (line breaks skipped, padding
/// required, bits after the last full byte ignored); the error is Go's
/// `CorruptInputError`: the offset of the first bad byte.
pub fn decode_std(s: &str) -> Result<Vec<u8>, usize> {
    let src = s.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0usize;
    while si < src.len() {
        let mut dbuf = [0u8; 4];
        let mut dlen = 4usize;
        let mut j = 0usize;
        let mut trailing_err = None;
        while j < 4 {
            if si == src.len() {
                if j == 0 {
                    return Ok(out);
                }
                // Padding is required.
                return Err(si - j);
            }
            let c = src[si];
            si += 1;
            if let Some(v) = b64_value(c) {
                dbuf[j] = v;
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if c != b'=' {
                return Err(si - 1);
            }
            match j {
                0 | 1 => return Err(si - 1),
                2 => {
                    while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                        si += 1;
                    }
                    if si == src.len() {
                        return Err(src.len());
                    }
                    if src[si] != b'=' {
                        return Err(si - 1);
                    }
                    si += 1;
                }
                _ => {}
            }
            while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                si += 1;
            }
            if si < src.len() {
                trailing_err = Some(si);
            }
            dlen = j;
            break;
        }
        let val = (u32::from(dbuf[0]) << 18)
            | (u32::from(dbuf[1]) << 12)
            | (u32::from(dbuf[2]) << 6)
            | u32::from(dbuf[3]);
        let bytes = [(val >> 16) as u8, (val >> 8) as u8, val as u8];
        out.extend_from_slice(&bytes[..dlen - 1]);
        if let Some(e) = trailing_err {
            return Err(e);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_as_go_does() {
        assert_eq!(decode_std("aGVsbG8="), Ok(b"hello".to_vec()));
        assert_eq!(decode_std("aGVs\nbG8=\r\n"), Ok(b"hello".to_vec()));
        assert_eq!(decode_std(""), Ok(Vec::new()));
        // Go's CorruptInputError offsets.
        assert_eq!(decode_std("aGVsbG8"), Err(4));
        assert_eq!(decode_std("aGVs bG8="), Err(4));
        assert_eq!(decode_std("QQ="), Err(3));
        assert_eq!(decode_std("===="), Err(0));
        assert_eq!(decode_std("QQ==QQ=="), Err(4));
    }
}
