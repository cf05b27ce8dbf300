{{/*
Named templates of the webapp chart. Kubernetes names are limited to 63
characters, so generated names are cut and a dangling "-" is removed.
*/}}

{{/*
Chart name, or nameOverride when set.
*/}}
{{- define "webapp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's resources: fullnameOverride when set; the release
name alone if it already contains the chart name; else "<release>-<name>".
*/}}
{{- define "webapp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Labels of every webapp resource; built by the webapp-lib library chart
(standard app.kubernetes.io labels plus global.labels).
Call with the root context: include "webapp.labels" .
*/}}
{{- define "webapp.labels" -}}
{{- include "webapp-lib.labels" (dict "context" . "name" (include "webapp.name" .) "component" "web") }}
{{- end }}

{{/*
Selector labels of the web pods (used by the Deployment and the Service).
*/}}
{{- define "webapp.selectorLabels" -}}
{{- include "webapp-lib.selectorLabels" (dict "context" . "name" (include "webapp.name" .)) }}
{{- end }}

{{/*
ServiceAccount of the web pods.
*/}}
{{- define "webapp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "webapp.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference "[registry/]repository:tag".
Call with a dict: "image" (a map with repository and tag), "path" (its key in
values, for the error message) and "root" (the root context).
The tag defaults to the chart's appVersion; global.imageRegistry is put in
front when set.
*/}}
{{- define "webapp.image" -}}
{{- $repository := required (printf "%s.repository is required" .path) .image.repository }}
{{- $tag := .image.tag | default .root.Chart.AppVersion | toString }}
{{- with .root.Values.global.imageRegistry }}{{ . }}/{{ end }}{{ $repository }}:{{ $tag }}
{{- end }}

{{/*
Name of the Secret holding the app's secret settings: existingSecret when set,
else the chart's own Secret.
*/}}
{{- define "webapp.secretName" -}}
{{- .Values.existingSecret | default (include "webapp.fullname" .) }}
{{- end }}

{{/*
Host name of the redis-lite Service. Must match "redis-lite.fullname" in
charts/redis-lite (that template cannot be called from here because it reads
the subchart's own .Values and .Chart).
*/}}
{{- define "webapp.redisHost" -}}
{{- $redis := index .Values "redis-lite" | default dict }}
{{- get $redis "fullnameOverride" | default (printf "%s-redis-lite" .Release.Name) | trunc 63 | trimSuffix "-" }}
{{- end }}
