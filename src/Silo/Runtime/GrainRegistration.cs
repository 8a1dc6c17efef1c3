namespace Lantern.Silo.Runtime;

/// <summary>Binds a grain interface to the class that implements it.</summary>
public sealed record GrainRegistration(Type InterfaceType, Type ImplementationType);
