package kubectl

import (
	"rolloutlab/engine/api"
	"rolloutlab/engine/controller/deployment"
)

func templatesEqual(a, b *api.PodTemplateSpec) bool { return deployment.EqualIgnoreHash(a, b) }
