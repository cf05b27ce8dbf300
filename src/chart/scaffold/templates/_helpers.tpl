{{/*
Shared named templates for the <CHARTNAME> chart. Kubernetes names and label
values may not exceed 63 characters, so generated names are cut to that length
and a trailing "-" left over by the cut is dropped.
*/}}

{{/*
Short name of the chart: nameOverride if set, else the chart name.
*/}}
{{- define "<CHARTNAME>.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name used for the release's resources. Order of preference:
fullnameOverride; the release name alone when it already contains the chart
name; otherwise "<release>-<chart name>".
*/}}
{{- define "<CHARTNAME>.fullname" -}}
{{- $short := .Values.nameOverride | default .Chart.Name }}
{{- $full := printf "%s-%s" .Release.Name $short }}
{{- if .Values.fullnameOverride }}
{{- $full = .Values.fullnameOverride }}
{{- else if contains $short .Release.Name }}
{{- $full = .Release.Name }}
{{- end }}
{{- $full | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Value of the helm.sh/chart label: "<chart>-<version>", with "+" (not allowed
in label values) turned into "_".
*/}}
{{- define "<CHARTNAME>.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels put on every resource of the chart.
*/}}
{{- define "<CHARTNAME>.labels" -}}
helm.sh/chart: {{ include "<CHARTNAME>.chart" . }}
{{ include "<CHARTNAME>.selectorLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The subset of the labels that identifies the pods; used by the Deployment
selector and the Service. These must stay stable across upgrades.
*/}}
{{- define "<CHARTNAME>.selectorLabels" -}}
app.kubernetes.io/name: {{ include "<CHARTNAME>.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount the pods run as: serviceAccount.name if given; otherwise the
full name when the chart creates the account, or "default" when it does not.
*/}}
{{- define "<CHARTNAME>.serviceAccountName" -}}
{{- $fallback := "default" }}
{{- if .Values.serviceAccount.create }}
{{- $fallback = include "<CHARTNAME>.fullname" . }}
{{- end }}
{{- .Values.serviceAccount.name | default $fallback }}
{{- end }}
