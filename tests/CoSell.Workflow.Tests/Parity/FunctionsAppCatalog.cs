using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.Loader;

namespace CoSell.Workflow.Tests.Parity;

/// <summary>One <c>[Function]</c> method of the built Functions app, as its attributes declare it.</summary>
public sealed record FunctionBinding(
    string Name,
    string Trigger,
    string Method,
    string? AuthLevel = null,
    IReadOnlyList<string>? HttpMethods = null,
    string? Route = null,
    string? Schedule = null);

/// <summary>
/// Reads the <c>[Function]</c> methods of the built <c>CoSell.Functions.dll</c> without referencing the project:
/// it is an Azure Functions executable whose build generates code and runs a nested extension build, so the test
/// project stays free of it. The assembly is loaded into its own collectible load context that resolves
/// dependencies from the app's deps.json, and only attribute metadata (<see cref="CustomAttributeData"/>) is read;
/// nothing of the app runs.
/// </summary>
public static class FunctionsAppCatalog
{
    private const string WorkerNamespace = "Microsoft.Azure.Functions.Worker.";

    private static readonly Lazy<IReadOnlyList<FunctionBinding>> Cached = new(Load);

    public static IReadOnlyList<FunctionBinding> Functions => Cached.Value;

    /// <summary>Where the app was built in the same configuration as this test assembly.</summary>
    public static string AssemblyPath
    {
        get
        {
            DirectoryInfo testBin = new(AppContext.BaseDirectory);
            string targetFramework = testBin.Name;
            string configuration = testBin.Parent?.Name ?? "Debug";
            DirectoryInfo? root = testBin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CoSellFunctions.sln")))
            {
                root = root.Parent;
            }

            if (root is null)
            {
                throw new InvalidOperationException($"CoSellFunctions.sln not found above {AppContext.BaseDirectory}.");
            }

            return Path.Combine(root.FullName, "src", "CoSell.Functions", "bin", configuration, targetFramework, "CoSell.Functions.dll");
        }
    }

    private static ReadOnlyCollection<FunctionBinding> Load()
    {
        string path = AssemblyPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} does not exist: build src/CoSell.Functions in the same configuration before running this test (./test.sh builds the whole solution first).");
        }

        var context = new FunctionsLoadContext(path);
        try
        {
            Assembly app = context.LoadFromAssemblyPath(path);
            var functions = new List<FunctionBinding>();
            foreach (Type type in app.GetTypes())
            {
                foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    CustomAttributeData? function = method.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == WorkerNamespace + "FunctionAttribute");
                    if (function is not null)
                    {
                        functions.Add(Describe((string)function.ConstructorArguments[0].Value!, type, method));
                    }
                }
            }

            return functions.AsReadOnly();
        }
        finally
        {
            context.Unload();
        }
    }

    private static FunctionBinding Describe(string name, Type type, MethodInfo method)
    {
        string declaredAt = $"{type.FullName}.{method.Name}";
        foreach (ParameterInfo parameter in method.GetParameters())
        {
            foreach (CustomAttributeData attribute in parameter.GetCustomAttributesData())
            {
                switch (attribute.AttributeType.FullName)
                {
                    case WorkerNamespace + "OrchestrationTriggerAttribute":
                        return new FunctionBinding(name, "orchestration", declaredAt);
                    case WorkerNamespace + "ActivityTriggerAttribute":
                        return new FunctionBinding(name, "activity", declaredAt);
                    case WorkerNamespace + "TimerTriggerAttribute":
                        return new FunctionBinding(name, "timer", declaredAt, Schedule: (string?)attribute.ConstructorArguments[0].Value);
                    case WorkerNamespace + "HttpTriggerAttribute":
                        return DescribeHttp(name, declaredAt, attribute);
                    default:
                        break;
                }
            }
        }

        return new FunctionBinding(name, "unknown", declaredAt);
    }

    private static FunctionBinding DescribeHttp(string name, string declaredAt, CustomAttributeData attribute)
    {
        string? authLevel = null;
        var methods = new List<string>();
        foreach (CustomAttributeTypedArgument argument in attribute.ConstructorArguments)
        {
            if (argument.ArgumentType.IsEnum)
            {
                authLevel = Enum.GetName(argument.ArgumentType, argument.Value!);
            }
            else if (argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items)
            {
                methods.AddRange(items.Select(item => ((string)item.Value!).ToUpperInvariant()));
            }
        }

        string? route = attribute.NamedArguments.SingleOrDefault(a => a.MemberName == "Route").TypedValue.Value as string;
        return new FunctionBinding(name, "http", declaredAt, authLevel, methods, route);
    }

    /// <summary>Resolves the app's own dependencies from its deps.json; shared framework assemblies come from the default context.</summary>
    private sealed class FunctionsLoadContext(string appPath) : AssemblyLoadContext(nameof(FunctionsLoadContext), isCollectible: true)
    {
        private readonly AssemblyDependencyResolver resolver = new(appPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? path = resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }
}
