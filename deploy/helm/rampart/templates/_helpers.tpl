{{- define "rampart.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "rampart.labels" -}}
app: {{ .Chart.Name }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: posture-scanner
app.kubernetes.io/part-of: rampart
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "rampart.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "rampart.tokenSecret" -}}
{{- default (printf "%s-api-token" (include "rampart.fullname" .)) .Values.api.existingSecret -}}
{{- end -}}

{{- define "rampart.config" -}}
{{- $scan := dict "scanSchedule" .Values.scan.schedule "timeZone" .Values.scan.timeZone "frameworks" .Values.scan.frameworks "scanScope" .Values.scan.scanScope "clusterName" .Values.clusterName -}}
{{- $_ := set $scan "exceptions" (ternary (list "rampart-exceptions.yaml" "exceptions.yaml") (list "rampart-exceptions.yaml") (not (empty .Values.scan.exceptions))) -}}
{{- if .Values.scan.controlsConfig -}}{{- $_ := set $scan "controlsConfig" "controls-config.yaml" -}}{{- end -}}
{{- dict "scan" $scan "history" .Values.history | toPrettyJson -}}
{{- end -}}
