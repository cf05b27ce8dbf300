{{/*
Named templates of the fleet chart. Kubernetes names are limited to 63
characters; the per-service suffix "-NNN" is added after the prefix is cut.
*/}}

{{/*
Chart name, or nameOverride when set.
*/}}
{{- define "fleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every resource name: fullnameOverride when set; the release name
alone if it already contains the chart name; else "<release>-<name>". Cut to
58 characters so the "-NNN" suffix still fits.
*/}}
{{- define "fleet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 58 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 58 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 58 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of service number i: include "fleet.member" (list $ $i)
*/}}
{{- define "fleet.member" -}}
{{- printf "%s-%03d" (include "fleet.fullname" (index . 0)) (int (index . 1)) }}
{{- end }}

{{/*
Labels of service number i (the selector labels plus the chart's):
include "fleet.labels" (list $ $i)
*/}}
{{- define "fleet.labels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "fleet.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
{{- end }}

{{/*
Selector labels of service number i: include "fleet.selectorLabels" (list $ $i)
*/}}
{{- define "fleet.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "fleet.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ printf "member-%03d" (int (index . 1)) }}
{{- end }}

{{/*
Image reference, tag defaulting to the chart's appVersion.
*/}}
{{- define "fleet.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}
