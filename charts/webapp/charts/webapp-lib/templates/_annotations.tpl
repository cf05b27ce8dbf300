{{/*
Merges a list of annotation maps (later maps win) and prints the result as
YAML with every value turned into a string, as Kubernetes requires for
annotations. Missing or empty maps in the list are skipped; prints nothing
when the merged map is empty.

Example:
  {{- with include "webapp-lib.annotations" (list $checksums .Values.podAnnotations) }}
  annotations:
    {{- . | nindent 4 }}
  {{- end }}
*/}}
{{- define "webapp-lib.annotations" -}}
{{- $merged := dict -}}
{{- range $annotations := . -}}
{{- range $key, $value := $annotations -}}
{{- $_ := set $merged $key (toString $value) -}}
{{- end -}}
{{- end -}}
{{- if $merged -}}
{{- toYaml $merged -}}
{{- end -}}
{{- end }}
