package engine

// SeedFile and SeedManifest are the lab's Deployment (the conformance seed scenario's
// nginx-deployment.yaml): what a fresh playground's editor holds.
const (
	SeedFile     = "nginx-deployment.yaml"
	SeedManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment-controller
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2
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
`
)
