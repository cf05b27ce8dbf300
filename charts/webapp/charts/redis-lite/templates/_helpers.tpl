{{/*
Name of the redis-lite resources: fullnameOverride, else "<release>-redis-lite",
cut to 63 characters. The webapp parent chart computes the same name for its
REDIS_HOST setting, so keep the two in step.
*/}}
{{- define "redis-lite.fullname" -}}
{{- .Values.fullnameOverride | default (printf "%s-%s" .Release.Name .Chart.Name) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Pod selector labels.
*/}}
{{- define "redis-lite.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
All labels: selector labels, chart/version/manager labels and the labels from
global.labels (set by the parent chart).
*/}}
{{- define "redis-lite.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "redis-lite.selectorLabels" . }}
app.kubernetes.io/component: cache
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- range $key, $value := .Values.global.labels }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/*
Image reference, with global.imageRegistry in front when it is set.
*/}}
{{- define "redis-lite.image" -}}
{{- $tag := .Values.image.tag | default (printf "%s-alpine" .Chart.AppVersion) }}
{{- with .Values.global.imageRegistry }}{{ . }}/{{ end }}{{ .Values.image.repository }}:{{ $tag }}
{{- end }}
