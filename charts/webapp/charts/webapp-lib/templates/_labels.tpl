{{/*
Standard Kubernetes labels (app.kubernetes.io/*, helm.sh/chart).

Call with a dict:
  context    the calling chart's root context (`.` or `$`), required
  name       value of app.kubernetes.io/name, required
  component  value of app.kubernetes.io/component, optional

Also adds every entry of .Values.global.labels of the caller.

Example:
  labels:
    {{- include "webapp-lib.labels" (dict "context" . "name" "web") | nindent 4 }}
*/}}
{{- define "webapp-lib.labels" -}}
{{- $ctx := required "webapp-lib.labels: \"context\" is required" (get . "context") -}}
{{- $chart := printf "%s-%s" $ctx.Chart.Name $ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
helm.sh/chart: {{ $chart }}
{{ include "webapp-lib.selectorLabels" . }}
{{- with get . "component" }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- with $ctx.Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ $ctx.Release.Service }}
{{- $global := index $ctx.Values "global" | default dict }}
{{- with index $global "labels" }}
{{- range $key, $value := . }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Labels that select the pods of one workload: app.kubernetes.io/name and
app.kubernetes.io/instance. Takes the same dict as "webapp-lib.labels"
(component is ignored, so that selectors stay stable).
*/}}
{{- define "webapp-lib.selectorLabels" -}}
{{- $ctx := required "webapp-lib.selectorLabels: \"context\" is required" (get . "context") -}}
app.kubernetes.io/name: {{ required "webapp-lib.selectorLabels: \"name\" is required" (get . "name") | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ $ctx.Release.Name }}
{{- end }}
