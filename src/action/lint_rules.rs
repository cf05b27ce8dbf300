//! Lint rules ported from Helm (placeholder).
