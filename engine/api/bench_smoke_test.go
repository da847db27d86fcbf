package api
import "testing"
var benchManifest = []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment-controller
  labels:
    app: nginx
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.8
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
            memory: 128Mi
`)
func BenchmarkDecode(b *testing.B) {
	for i := 0; i < b.N; i++ {
		objs, _, err := DecodeObjects(benchManifest, Strict)
		if err != nil { b.Fatal(err) }
		d := objs[0].(*Deployment)
		SetDefaultsDeployment(d)
		if errs := ValidateDeployment(d); len(errs) > 0 { b.Fatal(errs) }
	}
}
