// Replacement shader for the instance-id images (IdPass.cs): each person's renderers carry
// _ClonedPersonId (red = low byte, green = high byte of the person id) in a MaterialPropertyBlock;
// everything else draws 0 and so occludes. Used with Camera.RenderWithShader(shader, "RenderType"):
// the SubShader whose RenderType matches the object's is used. Cut-out and blended materials
// (hair, brows, lashes) are cut at their alpha like the embedded renderer does (BLEND at 0.5).
Shader "ClonedPerson/IdPass"
{
    Properties
    {
        _ClonedPersonId ("Person id", Vector) = (0, 0, 0, 0)
    }
    CGINCLUDE
    #include "UnityCG.cginc"
    float4 _ClonedPersonId;
    sampler2D baseColorTexture;
    float4 baseColorTexture_ST;
    float4 baseColorFactor;
    float alphaCutoff;
    struct v2f
    {
        float4 pos : SV_POSITION;
        float2 uv : TEXCOORD0;
    };
    v2f vert(appdata_base v)
    {
        v2f o;
        o.pos = UnityObjectToClipPos(v.vertex);
        o.uv = TRANSFORM_TEX(v.texcoord, baseColorTexture);
        return o;
    }
    float4 fragOpaque(v2f i) : SV_Target
    {
        return _ClonedPersonId;
    }
    float4 fragCutout(v2f i) : SV_Target
    {
        clip(tex2D(baseColorTexture, i.uv).a * baseColorFactor.a - alphaCutoff);
        return _ClonedPersonId;
    }
    float4 fragBlend(v2f i) : SV_Target
    {
        clip(tex2D(baseColorTexture, i.uv).a * baseColorFactor.a - 0.5);
        return _ClonedPersonId;
    }
    ENDCG
    SubShader
    {
        Tags { "RenderType" = "Opaque" }
        Pass
        {
            ZWrite On
            Cull [_CullMode]
            CGPROGRAM
            #pragma vertex vert
            #pragma fragment fragOpaque
            ENDCG
        }
    }
    SubShader
    {
        Tags { "RenderType" = "TransparentCutout" }
        Pass
        {
            ZWrite On
            Cull [_CullMode]
            CGPROGRAM
            #pragma vertex vert
            #pragma fragment fragCutout
            ENDCG
        }
    }
    SubShader
    {
        Tags { "RenderType" = "Transparent" }
        Pass
        {
            ZWrite On
            Cull [_CullMode]
            CGPROGRAM
            #pragma vertex vert
            #pragma fragment fragBlend
            ENDCG
        }
    }
}
