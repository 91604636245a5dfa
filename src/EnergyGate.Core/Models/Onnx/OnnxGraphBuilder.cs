using Google.Protobuf;
using EnergyGate.Core.Models.Onnx.Proto;

namespace EnergyGate.Core.Models.Onnx;

/// <summary>
/// Builds an ONNX graph node by node: fresh tensor names, constants and initializers, typed inputs
/// and outputs with symbolic dimensions. Only standard-domain ops; the caller picks the opset.
/// </summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    private readonly GraphProto _graph = new() { Name = graphName };
    private int _next;

    public const int FloatType = (int)TensorProto.Types.DataType.Float;
    public const int Int64Type = (int)TensorProto.Types.DataType.Int64;
    public const int BoolType = (int)TensorProto.Types.DataType.Bool;

    /// <summary>Declares a graph input; a dimension is an <see cref="int"/>/<see cref="long"/> size or a symbolic name.</summary>
    public string Input(string name, int elemType, params object[] dims)
    {
        _graph.Input.Add(ValueInfo(name, elemType, dims));
        return name;
    }

    /// <summary>Declares a graph output and renames the value <paramref name="value"/> to it.</summary>
    public void Output(string value, string name, int elemType, params object[] dims)
    {
        Node("Identity", [value], [name]);
        _graph.Output.Add(ValueInfo(name, elemType, dims));
    }

    /// <summary>A weight stored in the file; the bytes are shared, not copied.</summary>
    public string Initializer(string name, long[] shape, byte[] fp32Bytes)
    {
        var t = new TensorProto { Name = name, DataType = FloatType, RawData = UnsafeByteOperations.UnsafeWrap(fp32Bytes) };
        t.Dims.AddRange(shape);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>An int64 constant; an empty shape makes a scalar.</summary>
    public string Int64s(long[] shape, params long[] values)
    {
        var t = new TensorProto { Name = Fresh("const"), DataType = Int64Type };
        t.Dims.AddRange(shape);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>A float scalar constant.</summary>
    public string FloatScalar(float value)
    {
        var t = new TensorProto { Name = Fresh("const"), DataType = FloatType };
        t.FloatData.Add(value);
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>Adds one node with a single fresh output and returns that output's name.</summary>
    public string Op(string opType, string[] inputs, params AttributeProto[] attributes) =>
        Node(opType, inputs, [Fresh(opType.ToLowerInvariant())], attributes)[0];

    /// <summary>Adds one node with the given outputs.</summary>
    public string[] Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh("n_" + opType) };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>A fresh value name with a readable prefix.</summary>
    public string Fresh(string prefix) => $"{prefix}_{_next++}";

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto FloatAttr(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>Wraps the graph in a model of IR version 8 importing the default domain at <paramref name="opset"/>.</summary>
    public ModelProto ToModel(int opset, string producer, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, ProducerVersion = "1", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    private static ValueInfoProto ValueInfo(string name, int elemType, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                int n => new TensorShapeProto.Types.Dimension { DimValue = n },
                long n => new TensorShapeProto.Types.Dimension { DimValue = n },
                _ => throw new ArgumentException($"Dimension {d} is neither a size nor a name.", nameof(dims)),
            });
        }

        var tensor = new TypeProto.Types.Tensor { ElemType = elemType, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
