// The procedural ground (y = 0): base colour times a texture tiled in world metres (tileM per
// repeat, the same texture coordinates as the embedded renderer: glTF x and z over tileM), lit by
// the sun and the ambient light, receiving shadows.
Shader "ClonedPerson/Ground"
{
    Properties
    {
        _Color ("Colour", Color) = (1, 1, 1, 1)
        _MainTex ("Texture", 2D) = "white" {}
        _TileM ("Metres per repeat", Float) = 1
    }
    SubShader
    {
        Tags { "RenderType" = "Opaque" }
        CGPROGRAM
        #pragma surface surf Lambert fullforwardshadows
        sampler2D _MainTex;
        fixed4 _Color;
        float _TileM;
        struct Input
        {
            float3 worldPos;
        };
        void surf(Input IN, inout SurfaceOutput o)
        {
            // Unity's x is glTF's -x, and Unity's v runs up the image where the embedded v runs down.
            float2 uv = float2(-IN.worldPos.x, -IN.worldPos.z) / _TileM;
            o.Albedo = tex2D(_MainTex, uv).rgb * _Color.rgb;
            o.Alpha = 1;
        }
        ENDCG
    }
    FallBack "Diffuse"
}
