package engine

// SeedFile and SeedManifest are the conformance seed scenario's nginx-deployment.yaml, which
// the real-cluster transcripts and the engine's and UI's tests use.
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

// TutorialManifest is what a fresh playground's editor holds: the Deployment of the Kubernetes
// tutorial (nginx-deployment, 3 replicas of nginx:1.7.9, labels app: nginx, port 80), so the page
// and the write-up agree. It is saved as SeedFile, so `kubectl apply -f nginx-deployment.yaml`
// applies it.
const TutorialManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.7.9
        ports:
        - containerPort: 80
`
