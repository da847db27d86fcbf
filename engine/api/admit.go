package api

// Admit is the API server's admission of an object sent to it: defaulting, then validation for
// create (old == nil) or for update. allocate, when not nil, gives a Service its cluster IP and
// node ports between the two, as the Service registry does; a refused address is then the whole
// answer. The cluster passes its allocator; a check without a cluster (the editor's live check)
// passes nil and leaves the addresses to the cluster. o is defaulted in place.
func Admit(o, old Object, allocate func(s, old *Service) []FieldError) []FieldError {
	switch x := o.(type) {
	case *Deployment:
		SetDefaultsDeployment(x)
		if old != nil {
			return ValidateDeploymentUpdate(x, old.(*Deployment))
		}
		return ValidateDeployment(x)
	case *ReplicaSet:
		SetDefaultsReplicaSet(x)
		return ValidateReplicaSet(x)
	case *Pod:
		SetDefaultsPod(x)
		return ValidatePod(x)
	case *Service:
		SetDefaultsService(x)
		o, _ := old.(*Service)
		if allocate != nil {
			if errs := allocate(x, o); len(errs) > 0 {
				return errs
			}
		}
		if o != nil {
			return ValidateServiceUpdate(x, o)
		}
		return ValidateService(x)
	}
	return nil
}
